// Checks input before it reaches the engine, so a refused input leaves the engine untouched.
// Every refusal is a BerthError of kind 'invalid' naming the offending field.
import type { z } from 'zod';
import { BerthError } from '../../shared/errors';
import {
  containerName,
  containerRef,
  ENV_RULE,
  envProblem,
  imageTarget,
  labelsProblem,
  objectName,
  wordsProblem,
  type SizeProblem,
} from '../../shared/rules';

export function invalidInput(field: string, message: string, detail?: string): BerthError {
  return new BerthError({ kind: 'invalid', message, field, ...(detail !== undefined ? { detail } : {}) });
}

/** The refusal of `value` at `field`, with what was given as the detail. */
export function refused(field: string, message: string, value: unknown): BerthError {
  return invalidInput(field, message, `got ${JSON.stringify(value)}`);
}

/**
 * Checks `value` by one of the shared rules (app/shared/rules.ts: the same schema the contract checks
 * where a call is received and the forms check as the user types), naming `field` when it refuses.
 */
export function checkRule<T>(rule: z.ZodType<T>, value: unknown, field: string): T {
  const r = rule.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw refused([field, ...issue.path].join('.'), issue.message, value);
}

/** A container name; a leading "/" (as the engine reports names) is dropped. */
export function validateContainerName(name: unknown, field = 'name'): string {
  return checkRule(containerName, name, field).replace(/^\//, '');
}

/** A container by id or name; a leading "/" is dropped. */
export function validateContainerRef(ref: unknown, field = 'id'): string {
  return checkRule(containerRef, ref, field).replace(/^\//, '');
}

export function validateObjectName(name: unknown, field: string): string {
  return checkRule(objectName, name, field);
}

export function validatePort(port: unknown, field: string): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    throw refused(field, 'A port is a whole number between 1 and 65535.', port);
  return port;
}

export function validateAbsolutePath(path: unknown, field: string): string {
  if (typeof path !== 'string' || !path.startsWith('/') || path.includes('\0'))
    throw refused(field, 'The path must be absolute (start with "/").', path);
  return path;
}

/** KEY=value entries; with `allowBare`, also a bare KEY (`docker run -e KEY`: passed through, or unset). */
export function validateEnv(entries: unknown, field = 'env', allowBare = false): string[] {
  if (!Array.isArray(entries)) throw invalidInput(field, 'Environment variables are a list of KEY=value.');
  const shape = allowBare ? /^[^=\s]+(=|$)/ : /^[^=\s]+=/;
  entries.forEach((e, i) => {
    if (typeof e !== 'string' || !shape.test(e) || e.includes('\0'))
      throw refused(`${field}.${i}`, allowBare ? ENV_RULE : 'An environment variable is written KEY=value.', e);
  });
  return entries as string[];
}

export const restartPolicies = ['no', 'always', 'unless-stopped', 'on-failure'] as const;
export type RestartPolicy = (typeof restartPolicies)[number];

export function validateRestartPolicy(policy: unknown, field = 'restart'): RestartPolicy {
  if (typeof policy !== 'string' || !(restartPolicies as readonly string[]).includes(policy))
    throw refused(field, `A restart policy is one of ${restartPolicies.join(', ')}.`, policy);
  return policy as RestartPolicy;
}

export function validateSignal(signal: unknown, field = 'signal'): string {
  if (typeof signal !== 'string' || !/^(SIG)?[A-Z0-9+-]{1,12}$/.test(signal))
    throw refused(field, 'A signal is a name like SIGTERM or SIGKILL, or a number.', signal);
  return signal;
}

export function validateTimeout(seconds: unknown, field = 'timeout'): number {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || seconds > 3600)
    throw refused(field, 'A timeout is a whole number of seconds between 0 and 3600.', seconds);
  return seconds;
}

/** Checks an image reference (name[:tag][@digest], lowercase repository) or an image id, by the shared grammar. */
export function validateImageRef(ref: unknown, field = 'image'): string {
  return checkRule(imageTarget, ref, field);
}

/** Refuses what the size rules refuse, naming the entry (the same rules and words as the contract). */
export function validateSize(field: string, problem: SizeProblem | undefined): void {
  if (problem) throw invalidInput([field, ...problem.path].join('.'), problem.message);
}

/** The size rules for what a container is created with. */
export function validateRunSizes(spec: {
  command?: string[] | undefined;
  entrypoint?: string[] | undefined;
  env?: string[] | undefined;
  labels?: Record<string, string> | undefined;
}): void {
  if (Array.isArray(spec.command)) validateSize('command', wordsProblem(spec.command, 'command'));
  if (Array.isArray(spec.entrypoint)) validateSize('entrypoint', wordsProblem(spec.entrypoint, 'entrypoint'));
  if (Array.isArray(spec.env)) validateSize('env', envProblem(spec.env));
  if (spec.labels && typeof spec.labels === 'object') validateSize('labels', labelsProblem(spec.labels));
}
