/** Shared waits and look-ups for the extension-host suite. */
import './host-guard';
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'redis-guard.redis-guard';
/** What the language server appends to the message of every fatal finding. */
export const FATAL_TEXT = 'the server refuses to start with this file';
/** 1-based lines of examples/memurai.conf that the server refuses to start with (memurai@4.1, which its name selects, and redis@7.0 alike). */
export const SEED_FATAL_LINES = [22, 23, 24, 82];

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder (the harness opens one)');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something other than undefined/false; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    }
    await sleep(100);
  }
}

/** The diagnostic code as a string (VS Code wraps it in { value, target } when it has a docs link). */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => d.source === 'redis-guard');
}

/** Waits until the file's Redis Guard diagnostics satisfy `ready`, and returns them. */
export function diagnosticsWhen(uri: vscode.Uri, what: string, ready: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 30000): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = ours(uri);
    return ready(ds) ? ds : undefined;
  }, timeoutMs);
}

/** Diagnostics of the seed once the fatal ones are in (the server has checked the file). */
export function seedDiagnostics(uri: vscode.Uri, timeoutMs = 60000): Promise<vscode.Diagnostic[]> {
  return diagnosticsWhen(uri, `the fatal diagnostics of ${uri.path}`, ds => ds.some(d => codeOf(d) === 'RG113'), timeoutMs);
}

export function fatalLines(ds: vscode.Diagnostic[]): number[] {
  return ds.filter(d => d.message.includes(FATAL_TEXT)).map(d => d.range.start.line + 1).sort((a, b) => a - b);
}

export function find(ds: vscode.Diagnostic[], code: string): vscode.Diagnostic | undefined {
  return ds.find(d => codeOf(d) === code);
}

export async function open(name: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(workspaceUri(name));
}

/** Opens the file in an editor (the active one). */
export async function show(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** A fresh copy of the seed under another name, for tests that edit it. */
export async function copyOfSeed(name: string): Promise<vscode.Uri> {
  const target = workspaceUri(name);
  await vscode.workspace.fs.copy(workspaceUri('memurai.conf'), target, { overwrite: true });
  return target;
}

/** Throws away unsaved edits of `uri`, closes its editor and deletes the file. */
export async function discard(uri: vscode.Uri): Promise<void> {
  await show(uri);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
}
