// Before the compose CLI reads a file: is it a compose file at all? The CLI's errors quote the lines
// they stumble on, so a path to any other file (a secret, a system file) would have its contents echoed
// back. Berth looks for a top-level `services:` (or `include:`) key itself and otherwise refuses,
// naming the file only.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { BerthError } from '../../shared/errors';

/** Compose files are small; anything bigger is not one (and is not read whole). */
export const MAX_COMPOSE_FILE_BYTES = 4 << 20;

function readHead(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

function refuse(message: string): never {
  throw new BerthError({ kind: 'invalid', field: 'files', message });
}

/** Whether text has a compose file's top-level `services:` (or `include:`) key, as YAML or JSON. */
export function hasComposeShape(text: string): boolean {
  if (/^\s*\{/.test(text)) return /"(?:services|include)"\s*:/.test(text);
  return /^(?:services|include)[ \t]*:(?:[ \t]|$)/m.test(text.replace(/^\uFEFF/, ''));
}

/** Throws (field `files`) unless `file` has the shape of a compose file; never quotes the file. */
export function checkComposeFileShape(file: string): void {
  const size = statSync(file).size;
  if (size > MAX_COMPOSE_FILE_BYTES)
    refuse(
      `${file} is not a compose file: it is ${Math.round(size / (1 << 20))} MB, and compose files are small text files. Choose your project's compose.yaml.`,
    );
  let text: string;
  try {
    text = readHead(file, size).toString('utf8');
  } catch (err) {
    refuse(`Could not read ${file} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}). Check its permissions.`);
  }
  if (text.includes('\0'))
    refuse(`${file} is not a compose file: it is a binary file. Choose your project's compose.yaml.`);
  if (!hasComposeShape(text))
    refuse(
      `${file} is not a compose file: it has no top-level "services:" section. Choose your project's compose.yaml (or docker-compose.yml).`,
    );
}
