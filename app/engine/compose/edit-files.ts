// The compose files as the editor sees them: read (only files that look like compose files, so the
// editor never becomes a way to read any file), and saved atomically when the user says so, refused
// when the file changed on disk since it was opened (someone else's edit is never overwritten).
import { readFileSync, statSync } from 'node:fs';
import type { ComposeFileText } from '../../shared/contract/areas/compose-files';
import { BerthError } from '../../shared/errors';
import { writeFileAtomically } from '../util/atomic-write';
import { validateComposeFiles } from './commands';
import { hasComposeShape } from './compose-file-shape';

/** What a file is now: its size and modification time (ns), enough to notice another writer. */
export function fileVersion(file: string): string {
  const s = statSync(file, { bigint: true });
  return `${s.size}:${s.mtimeNs}`;
}

/** Reads the files (each checked: absolute, present, a compose file) with their versions. */
export function readComposeFiles(files: readonly string[]): ComposeFileText[] {
  return validateComposeFiles(files).map((path) => {
    const version = fileVersion(path);
    return { path, text: readFileSync(path, 'utf8'), version };
  });
}

/** Replaces `file` with `text` (atomically, keeping its permissions) unless it changed since `version`. */
export function saveComposeFile(file: string, text: string, version: string): { version: string } {
  validateComposeFiles([file]);
  if (fileVersion(file) !== version)
    throw new BerthError({
      kind: 'conflict',
      message: `Not saved: ${file} changed on disk after it was opened (another program wrote it). Copy your changes, reopen the file, and apply them again.`,
    });
  if (!hasComposeShape(text))
    throw new BerthError({
      kind: 'invalid',
      field: 'text',
      message:
        'Not saved: the text has no top-level "services:" section, so it would no longer be a compose file. Add it back, then save.',
    });
  try {
    writeFileAtomically(file, text, { mode: statSync(file).mode & 0o7777 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'an error';
    throw new BerthError({
      kind: code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'unauthorized' : 'internal',
      message: `Could not save ${file} (${code}): the file is unchanged. Check that its folder is writable, then save again.`,
      detail: (err as Error).message,
    });
  }
  return { version: fileVersion(file) };
}
