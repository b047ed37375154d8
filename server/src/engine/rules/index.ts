/** Every rule, in code order. The language server and the CLI load this same list. */
import { Rule } from './types';
import { noAuthentication } from './RG301-no-authentication';
import { defaultUserNopass } from './RG302-default-user-nopass';
import { weakPassword } from './RG303-weak-password';
import { requirepassIgnoredWithAclfile } from './RG304-requirepass-ignored-with-aclfile';
import { passwordInFile } from './RG305-password-in-file';
import { protectedModeOff } from './RG306-protected-mode-off';
import { protectedModeDeniesRemote } from './RG309-protected-mode-denies-remote';
import { bindAllInterfaces } from './RG307-bind-all-interfaces';
import { plaintextPortWithTls } from './RG308-plaintext-port-with-tls';
import { dangerousCommands } from './RG310-dangerous-commands';
import { guessableRename } from './RG311-guessable-rename';
import { renameCommandDeprecated } from './RG312-rename-command-deprecated';
import { adminCommandsEnabled } from './RG313-admin-commands-enabled';
import { aofDisabled } from './RG320-aof-disabled';
import { appendfsyncNo } from './RG321-appendfsync-no';
import { noPersistence } from './RG322-no-persistence';
import { relativeDir } from './RG323-relative-dir';
import { unusualFilename } from './RG324-unusual-filename';
import { rdbIntegrityOff } from './RG325-rdb-integrity-off';
import { maxmemoryUnset } from './RG330-maxmemory-unset';
import { evictionPolicy } from './RG331-eviction-policy';
import { noTls } from './RG340-no-tls';
import { oldTlsProtocols } from './RG341-old-tls-protocols';
import { tlsClientAuthOff } from './RG342-tls-client-auth-off';
import { replicaWithoutMasterauth } from './RG350-replica-without-masterauth';
import { writableReplica } from './RG351-writable-replica';
import { minReplicasUnset } from './RG352-min-replicas-unset';
import { sentinelQuorum } from './RG353-sentinel-quorum';
import { sentinelAuthMissing } from './RG354-sentinel-auth-missing';
import { sentinelTimeouts } from './RG355-sentinel-timeouts';
import { sentinelProtectedMode } from './RG356-sentinel-protected-mode';
import { logfileEmptyWithDaemonize } from './RG360-logfile-empty-with-daemonize';
import { loglevelDebug } from './RG361-loglevel-debug';
import { monitoringOff } from './RG362-monitoring-off';
import { outputBufferHardBelowSoft } from './RG363-output-buffer-hard-below-soft';
import { maxclientsExtreme } from './RG364-maxclients-extreme';
import { noKeepaliveNoTimeout } from './RG365-no-keepalive-no-timeout';
import { daemonizeInContainer } from './RG366-daemonize-in-container';
import { windowsBackslashes } from './RG370-windows-backslashes';
import { duplicateDirective } from './RG371-duplicate-directive';
import { deprecatedAlias } from './RG372-deprecated-alias';

export const RULES: Rule[] = [
  noAuthentication,
  defaultUserNopass,
  weakPassword,
  requirepassIgnoredWithAclfile,
  passwordInFile,
  protectedModeOff,
  bindAllInterfaces,
  plaintextPortWithTls,
  protectedModeDeniesRemote,
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
  daemonizeInContainer,
  windowsBackslashes,
  duplicateDirective,
  deprecatedAlias,
];
