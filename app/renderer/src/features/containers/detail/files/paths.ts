// Container paths for the Files tab (always POSIX, always absolute).
import { MAX_UPLOAD_BYTES } from '../../../../../../shared/contract/areas/transfers';
import type { FileEntry } from '../../../../../../shared/contract';

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

export function parentPath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i <= 0 ? '/' : trimmed.slice(0, i);
}

export function breadcrumbs(path: string): { name: string; path: string }[] {
  const parts = path.split('/').filter(Boolean);
  const out = [{ name: '/', path: '/' }];
  let cur = '';
  for (const p of parts) {
    cur += `/${p}`;
    out.push({ name: p, path: cur });
  }
  return out;
}

const ORDER: Record<FileEntry['type'], number> = { dir: 0, symlink: 1, file: 2, other: 3 };

/** Folders first, then links, files and the rest; by name within each. */
export function sortEntries(entries: readonly FileEntry[]): FileEntry[] {
  return [...entries].sort(
    (a, b) => ORDER[a.type] - ORDER[b.type] || a.name.localeCompare(b.name, undefined, { numeric: true }),
  );
}

export function typeLabel(t: FileEntry['type']): string {
  return t === 'dir' ? 'Folder' : t === 'file' ? 'File' : t === 'symlink' ? 'Link' : 'Other';
}

/** Uploads are refused past this size (the contract's limit). */
export { MAX_UPLOAD_BYTES };

export function uploadProblem(size: number, name: string): string | undefined {
  if (size > MAX_UPLOAD_BYTES) return `“${name}” is larger than 8 GB; Berth uploads files of up to 8 GB.`;
  if (name.includes('/') || name.includes('\0')) return 'A file name has no “/”.';
  return undefined;
}
