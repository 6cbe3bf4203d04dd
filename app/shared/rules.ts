// Input rules shared by the contract's schemas (checked where a call is received) and the
// renderer's forms (checked as the user types), so both refuse the same things with the same words.
import { z } from 'zod';
import { imageTargetProblem, readImageReference } from './image-reference';

/** Docker's container name rule; a leading "/" (as the engine reports names) is tolerated and dropped. */
export const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** A container by its id (full or a prefix) or name; a leading "/" is tolerated and dropped, as the engine does. */
export const CONTAINER_REF = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** Volume and network names and ids (Docker: same alphabet as containers, may be one character). */
export const OBJECT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** A new volume's name (the local driver wants at least two characters). */
export const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** A name of 1 to `max` characters that `pattern` accepts, each refusal in its own sentence. */
export function nameRule(pattern: RegExp, max: number, says: { empty: string; long: string; rule: string }) {
  return z.string().min(1, says.empty).max(max, says.long).regex(pattern, says.rule);
}

export const containerRef = nameRule(CONTAINER_REF, 255, {
  empty: 'Give a container name or id.',
  long: 'A container name or id has at most 255 characters.',
  rule: 'A container is named by letters, digits, "_", "." and "-".',
});

export const containerName = z
  .string()
  .max(255, 'A name has at most 255 characters.')
  .regex(
    CONTAINER_NAME,
    'A name starts with a letter or digit, has at least two characters, and uses only letters, digits, "_", "." and "-".',
  );

export const port = z
  .number({ error: 'A port is a number.' })
  .int('A port is a whole number.')
  .min(1, 'A port is between 1 and 65535.')
  .max(65535, 'A port is between 1 and 65535.');

export const absolutePath = z
  .string()
  .min(1, 'Give a path.')
  .refine((p) => p.startsWith('/'), 'The path must be absolute (start with "/").');

export const ENV_RULE =
  "An environment variable is written KEY=value, or KEY alone to pass KEY on from Berth's environment (as docker run -e KEY does).";

/** KEY=value, or a bare KEY: passed on from Berth's environment, as `docker run -e KEY` does. */
export const envVar = z.string().regex(/^[^=\s]+(=|$)/, ENV_RULE);

const anyName = { empty: 'Give a name.', long: 'A name has at most 255 characters.' };

export const objectName = nameRule(OBJECT_NAME, 255, {
  ...anyName,
  rule: 'A name uses only letters, digits, "_", "." and "-", and starts with a letter or digit.',
});

export const volumeName = nameRule(VOLUME_NAME, 255, {
  ...anyName,
  rule: 'A name uses only letters, digits, "_", "." and "-", starts with a letter or digit, and has at least two characters.',
});

/** An image reference by Docker's grammar (image-reference.ts), the same for the contract, the forms and the facade. */
export const imageRef = z
  .string()
  .max(512, 'An image reference has at most 512 characters.')
  .superRefine((ref, ctx) => {
    const r = readImageReference(ref);
    if ('problem' in r) ctx.addIssue({ code: 'custom', message: r.problem });
  });

/** An existing image: by reference, or by id (sha256:… or a hex prefix of 12 or more). */
export const imageTarget = z
  .string()
  .max(512, 'An image reference has at most 512 characters.')
  .superRefine((ref, ctx) => {
    const problem = imageTargetProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** What a text editor saves (a compose file, daemon.json): at most `max` characters and no NUL. */
export function editedText(max: number, says: { long: string; nul: string }) {
  return z
    .string()
    .max(max, says.long)
    .refine((t) => !t.includes('\0'), says.nul);
}

/** First message of a ZodError, for a form field. */
export function firstIssue(result: {
  success: boolean;
  error?: { issues: { message: string }[] };
}): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

/**
 * Sizes Berth accepts for what it hands the engine: one rule set, used by the contract's schemas
 * (where a call is received) and by the engine facade's validator. The engine itself takes almost
 * anything — 5 000 labels of 4 KB each, or a 51 MB command, after which every list reply carries
 * them — so these bounds sit well above what anyone writes by hand and well below what hurts.
 * Linux allows 128 KB per argument and about 2 MB for a process's arguments and environment together.
 */
export const SIZE_LIMITS = {
  labels: 256,
  labelKeyBytes: 256,
  labelValueBytes: 4 * 1024,
  labelsBytes: 64 * 1024,
  commandWords: 256,
  commandBytes: 128 * 1024,
  envVars: 512,
  envVarBytes: 32 * 1024,
  envBytes: 256 * 1024,
  buildArgs: 128,
  buildArgsBytes: 64 * 1024,
} as const;

/** A refusal by the size rules: which entry (a path below the field) and why. */
export interface SizeProblem {
  path: (string | number)[];
  message: string;
}

/** UTF-8 length of `s` without allocating (what the engine stores). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const kb = (bytes: number) => `${bytes / 1024} KB`;

export function labelsProblem(labels: Record<string, string>): SizeProblem | undefined {
  const L = SIZE_LIMITS;
  const keys = Object.keys(labels);
  if (keys.length > L.labels) return { path: [], message: `A container takes at most ${L.labels} labels.` };
  let total = 0;
  for (const k of keys) {
    const v = labels[k]!;
    if (utf8Bytes(k) > L.labelKeyBytes)
      return { path: [k], message: `A label's key has at most ${L.labelKeyBytes} bytes.` };
    if (utf8Bytes(v) > L.labelValueBytes)
      return { path: [k], message: `A label's value has at most ${kb(L.labelValueBytes)}.` };
    total += utf8Bytes(k) + utf8Bytes(v);
  }
  if (total > L.labelsBytes) return { path: [], message: `Labels take at most ${kb(L.labelsBytes)} together.` };
  return undefined;
}

/** A command or an entrypoint: a list of words. */
export function wordsProblem(words: string[], what = 'command'): SizeProblem | undefined {
  const L = SIZE_LIMITS;
  if (words.length > L.commandWords) return { path: [], message: `The ${what} has at most ${L.commandWords} words.` };
  let total = 0;
  for (const w of words) total += utf8Bytes(w) + 1;
  if (total > L.commandBytes) return { path: [], message: `The ${what} takes at most ${kb(L.commandBytes)}.` };
  return undefined;
}

/** Environment variables (KEY=value each). */
export function envProblem(env: string[]): SizeProblem | undefined {
  const L = SIZE_LIMITS;
  if (env.length > L.envVars)
    return { path: [], message: `A container takes at most ${L.envVars} environment variables.` };
  let total = 0;
  for (const [i, e] of env.entries()) {
    const n = utf8Bytes(e);
    if (n > L.envVarBytes) return { path: [i], message: `An environment variable has at most ${kb(L.envVarBytes)}.` };
    total += n + 1;
  }
  if (total > L.envBytes)
    return { path: [], message: `Environment variables take at most ${kb(L.envBytes)} together.` };
  return undefined;
}

/** Build arguments (NAME=value each). */
export function buildArgsProblem(args: string[]): SizeProblem | undefined {
  const L = SIZE_LIMITS;
  if (args.length > L.buildArgs) return { path: [], message: `A build takes at most ${L.buildArgs} build arguments.` };
  let total = 0;
  for (const a of args) total += utf8Bytes(a) + 1;
  if (total > L.buildArgsBytes)
    return { path: [], message: `Build arguments take at most ${kb(L.buildArgsBytes)} together.` };
  return undefined;
}

/** A zod check from a size rule: the problem becomes an issue on the entry it names. */
export function sized<T>(problem: (value: T) => SizeProblem | undefined) {
  return (value: T, ctx: z.core.$RefinementCtx<T>) => {
    const p = problem(value);
    if (p) ctx.addIssue({ code: 'custom', message: p.message, path: p.path });
  };
}

/** A command's words (docker run's, a service's), within the size rules. */
export const commandWords = z.array(z.string()).superRefine(sized((words: string[]) => wordsProblem(words, 'command')));

/** Environment variables (KEY=value or KEY), within the size rules; none when absent. */
export const envList = z.array(envVar).superRefine(sized(envProblem)).default([]);

/** Labels (key → value) of a container, service, secret or config, within the size rules; none when absent. */
export const labelMap = z
  .record(z.string().min(1, 'A label needs a key.'), z.string())
  .superRefine(sized(labelsProblem))
  .default({});
