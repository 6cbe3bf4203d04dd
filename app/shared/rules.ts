// Input rules shared by the contract's schemas (checked where a call is received) and the
// renderer's forms (checked as the user types), so both refuse the same things with the same words.
import { z } from 'zod';

/** Docker's container name rule. */
export const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** Volume and network names (Docker: same alphabet as containers, may be one character). */
export const OBJECT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const ENGINE_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export const containerRef = z
  .string()
  .min(1, 'Give a container name or id.')
  .max(255)
  .regex(ENGINE_ID, 'A container is named by letters, digits, "_", "." and "-".');

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

export const objectName = z
  .string()
  .min(1, 'Give a name.')
  .max(255)
  .regex(OBJECT_NAME, 'A name uses only letters, digits, "_", "." and "-", and starts with a letter or digit.');

/** Loose image reference check; the engine facade applies the full reference grammar. */
export const imageRef = z
  .string()
  .min(1, 'Give an image, e.g. nginx:latest.')
  .max(512)
  .regex(
    /^[a-z0-9][a-zA-Z0-9._\-/:@]*$/,
    'An image reference looks like name, name:tag or registry/name:tag, in lowercase.',
  );

/** First message of a ZodError, for a form field. */
export function firstIssue(result: {
  success: boolean;
  error?: { issues: { message: string }[] };
}): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}
