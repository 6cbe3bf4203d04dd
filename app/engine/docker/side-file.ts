// Files Berth writes on this machine (image archives, downloads) go through a side file next to the
// target — `<target>.partial-<pid>-<hex>` — put in place only once complete, so a failure or a cancel
// never leaves half a file under the real name. Each side file is recorded in a journal (when one is
// set) so that the next start of Berth removes those a Berth process that died left behind.
import { appendFileSync, linkSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** Berth's side-file names: `<target>.partial-<pid>` (older) or `<target>.partial-<pid>-<hex>`. */
export const SIDE_FILE = /\.partial-(\d+)(?:-[0-9a-f]+)?$/;

let journal: string | undefined;

/** Where this process records the side files it creates (one path a line); undefined: nowhere. */
export function recordSideFilesIn(file: string | undefined): void {
  if (file) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  journal = file;
}

/** A new side file name for `target`, recorded in the journal. */
export function sideFileFor(target: string): string {
  const side = `${target}.partial-${process.pid}-${randomBytes(3).toString('hex')}`;
  if (journal) {
    try {
      appendFileSync(journal, `${side}\n`, { mode: 0o600 });
    } catch {
      /* not recording it only means a crash could leave it; the write itself goes on */
    }
  }
  return side;
}

/**
 * Puts a complete side file in place. Without `overwrite` a file at `target` is never replaced, even
 * one that appeared meanwhile (link fails with EEXIST); with it, the rename replaces it atomically.
 */
export function commitSideFile(side: string, target: string, overwrite: boolean): void {
  if (overwrite) return renameSync(side, target);
  linkSync(side, target);
  rmSync(side, { force: true });
}
