// A small streaming tar reader (ustar, pax and GNU long names) and a single-entry tar writer,
// enough for the engine's archive API. Entries' data is only buffered when asked for.
import type { Readable } from 'node:stream';

export interface TarEntry {
  /** Path inside the archive, without a trailing "/". */
  name: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  size: number;
  mode: number;
  /** Unix seconds. */
  mtime: number;
  linkTarget?: string;
  /** The entry's bytes, when `wantData` said so. */
  data?: Buffer;
  /**
   * The entry's bytes as they arrive, when `wantData` said 'stream'. Read it before asking for the
   * next entry; what is left unread is skipped.
   */
  body?: AsyncIterable<Buffer>;
}

const BLOCK = 512;

/** Pulls exact byte counts out of a stream of chunks. */
class ByteReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private done = false;
  private readonly it: AsyncIterator<unknown>;
  constructor(stream: Readable) {
    this.it = stream[Symbol.asyncIterator]();
  }
  private async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        const b = typeof r.value === 'string' ? Buffer.from(r.value) : (r.value as Buffer);
        this.chunks.push(b);
        this.length += b.length;
      }
    }
    return this.length >= n;
  }
  /** Exactly n bytes, or undefined at the end of the stream. */
  async take(n: number): Promise<Buffer | undefined> {
    if (!(await this.fill(n))) return undefined;
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
    return out;
  }
  /** At least one and at most `max` bytes, as they are buffered; undefined at the end of the stream. */
  async takeSome(max: number): Promise<Buffer | undefined> {
    if (this.length === 0 && !(await this.fill(1))) return undefined;
    const head = this.chunks[0]!;
    if (head.length <= max) {
      this.chunks.shift();
      this.length -= head.length;
      return head;
    }
    this.chunks[0] = head.subarray(max);
    this.length -= max;
    return head.subarray(0, max);
  }
  /** Skips n bytes without keeping them. */
  async skip(n: number): Promise<boolean> {
    let left = n;
    while (left > 0) {
      if (this.length === 0 && !(await this.fill(1))) return false;
      const head = this.chunks[0]!;
      if (head.length <= left) {
        this.chunks.shift();
        this.length -= head.length;
        left -= head.length;
      } else {
        this.chunks[0] = head.subarray(left);
        this.length -= left;
        left = 0;
      }
    }
    return true;
  }
  async close(): Promise<void> {
    await this.it.return?.();
  }
}

function cstr(b: Buffer, start: number, len: number): string {
  const s = b.subarray(start, start + len);
  const nul = s.indexOf(0);
  return (nul >= 0 ? s.subarray(0, nul) : s).toString('utf8');
}

function num(b: Buffer, start: number, len: number): number {
  const s = b.subarray(start, start + len);
  if (s[0]! & 0x80) {
    // base-256 (GNU) for big values
    let v = 0;
    for (let i = 1; i < s.length; i++) v = v * 256 + s[i]!;
    return v;
  }
  const text = cstr(b, start, len).trim();
  return text ? parseInt(text, 8) : 0;
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const sp = data.indexOf(0x20, pos);
    if (sp < 0) break;
    const len = parseInt(data.subarray(pos, sp).toString('ascii'), 10);
    if (!len) break;
    const record = data.subarray(sp + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/**
 * Reads the archive entry by entry; `wantData(entry)` decides whether an entry's bytes are kept
 * (true: in `data`) or handed over as they arrive ('stream': in `body`).
 */
export async function* readTar(
  stream: Readable,
  wantData: (e: TarEntry) => boolean | 'stream' = () => false,
): AsyncGenerator<TarEntry> {
  const r = new ByteReader(stream);
  let pax: Record<string, string> = {};
  let global: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  try {
    for (;;) {
      const h = await r.take(BLOCK);
      if (!h || h.every((x) => x === 0)) return;
      const flag = String.fromCharCode(h[156]!);
      let size = num(h, 124, 12);
      if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
        const body = (await r.take(size)) ?? Buffer.alloc(0);
        await r.skip(padding(size));
        if (flag === 'x') pax = { ...pax, ...parsePax(body) };
        else if (flag === 'g') global = { ...global, ...parsePax(body) };
        else if (flag === 'L') longName = cstr(body, 0, body.length);
        else longLink = cstr(body, 0, body.length);
        continue;
      }
      const ext = { ...global, ...pax };
      const isUstar = h.subarray(257, 262).toString('ascii') === 'ustar';
      const prefix = isUstar ? cstr(h, 345, 155) : '';
      let name = ext.path ?? longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
      if (ext.size !== undefined) size = Number(ext.size);
      const linkTarget = ext.linkpath ?? longLink ?? cstr(h, 157, 100);
      pax = {};
      longName = longLink = undefined;
      const type: TarEntry['type'] =
        flag === '0' || flag === '\0' || flag === '7'
          ? 'file'
          : flag === '5'
            ? 'dir'
            : flag === '2'
              ? 'symlink'
              : flag === '1'
                ? 'hardlink'
                : 'other';
      if (type === 'dir' || type === 'symlink' || type === 'hardlink') size = type === 'dir' ? 0 : size;
      name = name.replace(/\/+$/, '');
      const entry: TarEntry = {
        name,
        type,
        size,
        mode: num(h, 100, 8) & 0o7777,
        mtime: ext.mtime !== undefined ? Math.floor(Number(ext.mtime)) : num(h, 136, 12),
        ...(type === 'symlink' || type === 'hardlink' ? { linkTarget } : {}),
      };
      const want = size > 0 && wantData(entry);
      if (want === 'stream') {
        let left = size;
        entry.body = (async function* () {
          while (left > 0) {
            const chunk = await r.takeSome(Math.min(left, 64 * 1024));
            if (!chunk) throw new Error('The archive ended in the middle of a file.');
            left -= chunk.length;
            yield chunk;
          }
        })();
        yield entry;
        if (!(await r.skip(left + padding(size)))) throw new Error('The archive ended in the middle of a file.');
        continue;
      }
      if (want) {
        const data = await r.take(size);
        if (!data) throw new Error('The archive ended in the middle of a file.');
        entry.data = Buffer.from(data);
        await r.skip(padding(size));
      } else if (size > 0) {
        if (!(await r.skip(size + padding(size)))) throw new Error('The archive ended in the middle of a file.');
      }
      yield entry;
    }
  } finally {
    await r.close();
  }
}

function octal(value: number, len: number): string {
  return value.toString(8).padStart(len - 1, '0') + '\0';
}

const MAX_OCTAL_SIZE = 8 ** 11 - 1;

function header(name: string, size: number, mode: number, mtime: number, flag: string, linkname = ''): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode & 0o7777, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.max(0, Math.floor(mtime)), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(flag, 156, 'ascii');
  h.write(linkname, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const b = Buffer.byteLength(body);
  let n = b + String(b).length;
  if (String(n).length > String(b).length) n = b + String(n).length;
  return `${n}${body}`;
}

export interface TarWriteEntry {
  /** Path inside the archive; folders without a trailing "/". */
  name: string;
  type: 'file' | 'dir' | 'symlink';
  /** File size in bytes (0 for others). */
  size: number;
  mode: number;
  /** Unix seconds. */
  mtime: number;
  linkTarget?: string;
}

/** The header block(s) of one entry; a pax header carries long names, long link targets and sizes over 8 GiB. */
export function tarHeader(e: TarWriteEntry): Buffer {
  const name = e.type === 'dir' ? `${e.name}/` : e.name;
  const link = e.linkTarget ?? '';
  const size = e.type === 'file' ? e.size : 0;
  let pax = '';
  if (Buffer.byteLength(name) > 100) pax += paxRecord('path', name);
  if (Buffer.byteLength(link) > 100) pax += paxRecord('linkpath', link);
  if (size > MAX_OCTAL_SIZE) pax += paxRecord('size', String(size));
  const flag = e.type === 'file' ? '0' : e.type === 'dir' ? '5' : '2';
  const main = header(name, size > MAX_OCTAL_SIZE ? 0 : size, e.mode, e.mtime, flag, link);
  if (!pax) return main;
  const body = Buffer.from(pax);
  return Buffer.concat([
    header('PaxHeader', body.length, 0o644, e.mtime, 'x'),
    body,
    Buffer.alloc(padding(body.length)),
    main,
  ]);
}

/** Zero bytes that pad `size` bytes of data to a whole block. */
export const tarPadding = (size: number): Buffer => Buffer.alloc(padding(size));

/** The end-of-archive marker. */
export const TAR_END = Buffer.alloc(BLOCK * 2);

/** A tar holding one regular file `name`. */
export function tarOneFile(name: string, data: Buffer, mode = 0o644, mtime = Date.now() / 1000): Buffer {
  return Buffer.concat([
    tarHeader({ name, type: 'file', size: data.length, mode, mtime }),
    data,
    tarPadding(data.length),
    TAR_END,
  ]);
}
