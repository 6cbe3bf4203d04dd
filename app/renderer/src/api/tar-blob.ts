// Files the user picked (a folder's keep their relative paths) as one tar, made of Blob parts: the
// headers are a few hundred bytes each and the files' contents stay the browser's File objects, so
// the tar is never copied into the page's memory. The upload reads it slice by slice.
/** One file for the tar: its path inside it ("a/b.txt"), its bytes, its time (ms since the epoch). */
export interface TarFile {
  path: string;
  file: Blob;
  lastModified: number;
}

const BLOCK = 512;
const encoder = new TextEncoder();

/** Why a path cannot go into the tar, or undefined: relative, no "." or ".." parts, no NUL. */
export function tarPathProblem(path: string): string | undefined {
  if (!path || path.startsWith('/') || path.includes('\0')) return `"${path}" is not a relative file path.`;
  if (path.split('/').some((p) => p === '' || p === '.' || p === '..'))
    return `"${path}" has an empty, "." or ".." part.`;
  return undefined;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0');
}

function writeText(block: Uint8Array, at: number, width: number, text: string): void {
  block.set(encoder.encode(text).subarray(0, width), at);
}

/** A 512-byte header block (ustar), its checksum filled in. */
function header(name: string, size: number, mtime: number, type: '0' | 'x', prefix = ''): Uint8Array {
  const b = new Uint8Array(BLOCK);
  writeText(b, 0, 100, name);
  writeText(b, 100, 8, octal(0o644, 8));
  writeText(b, 108, 8, octal(0, 8));
  writeText(b, 116, 8, octal(0, 8));
  writeText(b, 124, 12, octal(size, 12));
  writeText(b, 136, 12, octal(Math.max(0, Math.floor(mtime)), 12));
  b.fill(32, 148, 156);
  writeText(b, 156, 1, type);
  writeText(b, 257, 6, 'ustar');
  writeText(b, 263, 2, '00');
  writeText(b, 345, 155, prefix);
  let sum = 0;
  for (const x of b) sum += x;
  writeText(b, 148, 8, `${octal(sum, 7)}\0`);
  return b;
}

/** A PAX record "LEN key=value\n", its length counting itself. */
function paxRecord(key: string, value: string): Uint8Array {
  const body = `${key}=${value}\n`;
  const bodyLength = encoder.encode(body).length;
  let len = bodyLength + 2;
  while (`${len} `.length + bodyLength !== len) len = `${len} `.length + bodyLength;
  return encoder.encode(`${len} ${body}`);
}

const padding = (size: number) => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

/** Splits a long path into ustar's prefix (≤155 bytes) and name (≤100 bytes), if it can be. */
function split(path: string): { prefix: string; name: string } | undefined {
  const bytes = (s: string) => encoder.encode(s).length;
  if (bytes(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (bytes(prefix) <= 155 && bytes(name) <= 100) return { prefix, name };
  }
  return undefined;
}

/** The files as one tar Blob (regular files, mode 644; folders are made as their files need them). */
export function tarBlob(files: TarFile[]): Blob {
  const parts: (Blob | Uint8Array)[] = [];
  for (const f of files) {
    const problem = tarPathProblem(f.path);
    if (problem) throw new Error(problem);
    const mtime = f.lastModified / 1000;
    const fits = split(f.path);
    if (!fits) {
      const pax = paxRecord('path', f.path);
      parts.push(header('PaxHeader', pax.length, mtime, 'x'), pax, padding(pax.length));
    }
    const name = fits ? fits.name : f.path.slice(-100).replace(/^[^/]*\//, '');
    parts.push(header(name, f.file.size, mtime, '0', fits?.prefix ?? ''), f.file, padding(f.file.size));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  return new Blob(parts as BlobPart[], { type: 'application/x-tar' });
}
