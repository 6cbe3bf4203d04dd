// Writing a file so that a crash, a full disk or a second writer never leaves a half-written one:
// the text goes to a temporary file beside the target (same folder, so the same file system), which
// is then renamed over it. Readers see the old file or the new one, never a mix.
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** The file's permissions; default readable and writable by the user only. */
  mode?: number;
}

export interface AtomicJsonOptions extends AtomicWriteOptions {
  /** JSON.stringify's indentation; default 2 spaces, 0 for one line. */
  indent?: number | string;
}

/**
 * Replaces `path` with `content` atomically; its folder is made (mode 0700) when missing. On failure
 * the temporary file is removed and the error thrown: callers say what failed in their own words.
 */
export function writeFileAtomically(path: string, content: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const mode = opts.mode ?? 0o600;
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.berth-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content, { mode });
    chmodSync(tmp, mode); // exact, whatever the umask
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** `value` as JSON with a final newline, written atomically. */
export function writeJsonAtomically(path: string, value: unknown, opts: AtomicJsonOptions = {}): void {
  const indent = opts.indent ?? 2;
  writeFileAtomically(path, `${JSON.stringify(value, null, indent || undefined)}\n`, opts);
}
