/** Every rule, in code order. The language server and the CLI load this same list. */
import { Rule } from './types';
import { noAuthentication } from './no-authentication';
import { defaultUserNopass } from './default-user-nopass';
import { weakPassword } from './weak-password';
import { requirepassIgnoredWithAclfile } from './requirepass-ignored-with-aclfile';
import { passwordInFile } from './password-in-file';
import { protectedModeOff } from './protected-mode-off';
import { bindAllInterfaces } from './bind-all-interfaces';
import { plaintextPortWithTls } from './plaintext-port-with-tls';
import { dangerousCommands } from './dangerous-commands';
import { guessableRename } from './guessable-rename';
import { renameCommandDeprecated } from './rename-command-deprecated';
import { adminCommandsEnabled } from './admin-commands-enabled';
import { aofDisabled } from './aof-disabled';
import { appendfsyncNo } from './appendfsync-no';
import { noPersistence } from './no-persistence';
import { relativeDir } from './relative-dir';
import { unusualFilename } from './unusual-filename';
import { rdbIntegrityOff } from './rdb-integrity-off';
import { maxmemoryUnset } from './maxmemory-unset';
import { evictionPolicy } from './eviction-policy';
import { noTls } from './no-tls';
import { oldTlsProtocols } from './old-tls-protocols';
import { tlsClientAuthOff } from './tls-client-auth-off';
import { replicaWithoutMasterauth } from './replica-without-masterauth';
import { writableReplica } from './writable-replica';
import { minReplicasUnset } from './min-replicas-unset';
import { sentinelQuorum } from './sentinel-quorum';
import { sentinelAuthMissing } from './sentinel-auth-missing';
import { sentinelTimeouts } from './sentinel-timeouts';
import { sentinelProtectedMode } from './sentinel-protected-mode';
import { logfileEmptyWithDaemonize } from './logfile-empty-with-daemonize';
import { loglevelDebug } from './loglevel-debug';
import { monitoringOff } from './monitoring-off';
import { outputBufferHardBelowSoft } from './output-buffer-hard-below-soft';
import { maxclientsExtreme } from './maxclients-extreme';
import { noKeepaliveNoTimeout } from './no-keepalive-no-timeout';
import { windowsBackslashes } from './windows-backslashes';
import { duplicateDirective } from './duplicate-directive';
import { deprecatedAlias } from './deprecated-alias';

export const RULES: Rule[] = [
  noAuthentication,
  defaultUserNopass,
  weakPassword,
  requirepassIgnoredWithAclfile,
  passwordInFile,
  protectedModeOff,
  bindAllInterfaces,
  plaintextPortWithTls,
  dangerousCommands,
  guessableRename,
  renameCommandDeprecated,
  adminCommandsEnabled,
  aofDisabled,
  appendfsyncNo,
  noPersistence,
  relativeDir,
  unusualFilename,
  rdbIntegrityOff,
  maxmemoryUnset,
  evictionPolicy,
  noTls,
  oldTlsProtocols,
  tlsClientAuthOff,
  replicaWithoutMasterauth,
  writableReplica,
  minReplicasUnset,
  sentinelQuorum,
  sentinelAuthMissing,
  sentinelTimeouts,
  sentinelProtectedMode,
  logfileEmptyWithDaemonize,
  loglevelDebug,
  monitoringOff,
  outputBufferHardBelowSoft,
  maxclientsExtreme,
  noKeepaliveNoTimeout,
  windowsBackslashes,
  duplicateDirective,
  deprecatedAlias,
];
