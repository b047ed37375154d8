/**
 * The engine's public entry: what the language server, the CLI, the live monitoring code
 * and the extension may use. Everything else under engine/ is internal to it (tests may
 * reach in; scripts/check-layout.mjs keeps the other rooms out).
 */
export { lintWithTarget, nodeFileAccess, verdictOf } from './lint';
export type { LintOptions, Finding } from './lint';
export type { Edit, Fix, Severity } from './findings';
export { fixAll, wholeDocumentEdit } from './fix-all';
export type { AppliedFix } from './fix-all';
export { parse } from './parse';
export type { ParsedFile } from './parse';
export { ConfigView } from './config-view';
export { memtoull } from './values';
export { resolveTarget, targets, lookupDirective, DEFAULT_TARGET } from './catalog';
export { targetOfFile, profileOfFile } from './target-of-file';
export type { Target } from './catalog';
export { RULES } from './rules';
export { PROFILES, LEVELS } from './rules/types';
export type { Profile, Level } from './rules/types';
export { SUMMARIES } from './messages';
export { DOCS_ROOT, docPage } from './doc-page';
export { hover } from './editor/hover';
export { complete } from './editor/completion';
export { outline } from './editor/symbols';
export type { OutlineNode } from './editor/symbols';
export { includeTargets } from './editor/definition';
export { lineHunks } from './editor/line-hunks';
export { fixAllTracked } from './editor/profile-changes';
export type { ProfileChange } from './editor/profile-changes';
export { canSuppress, disableFileEdit, disableLineEdit } from './editor/suppress';
export { addressKind } from './bind-address';
export { securityEvictionRisk, SECURITY_STORE_ADVICE } from './eviction-advice';
export { DEFAULT_LIMITS } from './limits';
export { lintCommandFile, lintDocument, commandFileKind, isContainerPath } from './command-line';
export { groupDeployments, isManifestName } from './deployment/group';
export { checkDeployment } from './deployment/check';
export type { Deployment, DeploymentMember, DeploymentFinding, MemberRole, RelatedPlace } from './deployment/types';
export { deploymentFindingsOf } from './deployment/folder';
