/**
 * `redis-guard lint docker-compose.yml | Dockerfile | k8s.yaml`: the servers a container file
 * starts, checked as the config their command lines become (engine/command-line). One entry
 * point for lint.ts, which calls it for every file before treating it as a config file.
 */
import { commandFileKind, lintCommandFile, Finding, Level, Profile, Target } from '../engine';

/** The findings of a container file, or undefined when the file is not one (then it is a config file). */
export function lintContainerFile(path: string, text: string, target: Target, profile: Profile, rules: Record<string, Level>): Finding[] | undefined {
  const kind = commandFileKind(path === '-' ? undefined : path, text);
  if (!kind) return undefined;
  return lintCommandFile(text, kind, { target, profile, rules });
}
