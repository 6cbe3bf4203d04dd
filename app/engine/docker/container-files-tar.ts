// Tar archives for the engine's archive API, read and written by tar-stream (ustar, pax and GNU
// long names, base-256 sizes, checksums). This adapter keeps the callers' shape and adds the rules
// the engine's archives must follow: entries are streamed with backpressure (an entry's bytes are
// only held whole when asked for), no name leaves the archive's folder, extended headers are bounded
// (4 MiB, by tar-stream), and every failure is a sentence.
import { Readable } from 'node:stream';
import { extract as tarExtract, pack as tarPack, type Extract, type Header } from 'tar-stream';

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

const ENTRY_TYPES: Partial<Record<Header['type'], TarEntry['type']>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'dir',
  symlink: 'symlink',
  link: 'hardlink',
};

/** tar-stream's failures, said as what happened to the archive. Anything else (the engine's stream) passes unchanged. */
function readFailure(err: unknown): unknown {
  const text = err instanceof Error ? err.message : '';
  const damaged = (why: string) => new Error(`The archive is damaged: ${why}.`);
  if (text === 'Unexpected end of data') return new Error('The archive ended in the middle of a file.');
  if (text.startsWith('Invalid tar header. Maybe'))
    return damaged('a header does not match its checksum (is it a tar archive, and not compressed?)');
  if (text === 'Invalid tar header: unknown format.') return damaged('a header is not in a tar format');
  if (text === 'Header exceeds max size') return damaged('an extended header is larger than 4 MiB');
  if (text.includes('pax path contains a null byte')) return damaged('a name holds a NUL byte');
  if (text === 'Invalid header') return damaged('an entry has no valid size');
  return err;
}

/** Refuses a name that leaves the archive's folder: absolute, or with a ".." part. */
function checkName(name: string): void {
  if (name.startsWith('/') || name.split('/').includes('..'))
    throw new Error(
      `The archive is unsafe: the entry "${name}" points outside the archive's folder, so it was refused.`,
    );
}

/** Feeds `input` into `ex` at the pace `ex` takes it; a failure of `input` fails `ex`. */
async function feed(input: Readable, ex: Extract): Promise<void> {
  try {
    for await (const chunk of input) {
      if (ex.destroying) {
        input.destroy();
        return;
      }
      if (!ex.write(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))) await drained(ex);
    }
    ex.end(null);
  } catch (err) {
    ex.destroy(err as Error);
  }
}

function drained(s: { once(e: string, f: () => void): unknown; off(e: string, f: () => void): unknown }) {
  return new Promise<void>((resolve) => {
    const done = () => {
      s.off('drain', done);
      s.off('close', done);
      resolve();
    };
    s.once('drain', done);
    s.once('close', done);
  });
}

function toEntry(h: Header): TarEntry {
  checkName(h.name);
  const name = h.name.replace(/\/+$/, '');
  const type = ENTRY_TYPES[h.type] ?? 'other';
  const pax = (h.pax ?? {}) as Record<string, string | undefined>;
  return {
    name,
    type,
    size: type === 'dir' ? 0 : h.size,
    mode: h.mode & 0o7777,
    mtime: pax.mtime !== undefined ? Math.floor(Number(pax.mtime)) : Math.floor(h.mtime.getTime() / 1000),
    ...(type === 'symlink' || type === 'hardlink' ? { linkTarget: h.linkname ?? '' } : {}),
  };
}

/**
 * Reads the archive entry by entry; `wantData(entry)` decides whether an entry's bytes are kept
 * (true: in `data`) or handed over as they arrive ('stream': in `body`). Only what the consumer asks
 * for is read from `stream`; stopping early closes it.
 */
export async function* readTar(
  stream: Readable,
  wantData: (e: TarEntry) => boolean | 'stream' = () => false,
): AsyncGenerator<TarEntry> {
  // Old (v7) headers without the ustar magic are read too, as GNU tar does; checksums still apply.
  const ex = tarExtract({ allowUnknownFormat: true } as Parameters<typeof tarExtract>[0]);
  const entries = ex[Symbol.asyncIterator]();
  void feed(stream, ex);
  try {
    for (;;) {
      const next = await entries.next().catch((err: unknown) => {
        throw readFailure(err);
      });
      if (next.done) return;
      const source = next.value;
      const entry = toEntry(source.header);
      // A folder's stream never ends (tar-stream gives it no bytes), so only a sized non-folder is read.
      const pieces =
        entry.type !== 'dir' && source.header.size > 0
          ? (source[Symbol.asyncIterator]() as AsyncIterator<Buffer>)
          : undefined;
      const piece = async () => {
        try {
          return await pieces!.next();
        } catch (err) {
          throw readFailure(err);
        }
      };
      const want = pieces && entry.size > 0 && wantData(entry);
      if (want === 'stream') {
        // The consumer may stop reading part-way: the rest is read here, never by destroying the
        // entry (which would end the whole archive).
        entry.body = (async function* () {
          for (let r = await piece(); !r.done; r = await piece()) yield r.value;
        })();
      } else if (want) {
        const chunks: Buffer[] = [];
        for (let r = await piece(); !r.done; r = await piece()) chunks.push(r.value);
        entry.data = Buffer.concat(chunks);
      }
      yield entry;
      if (pieces) for (let r = await piece(); !r.done; r = await piece());
    }
  } finally {
    ex.destroy();
    stream.destroy();
  }
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

export interface TarWriteItem {
  entry: TarWriteEntry;
  /** A file's bytes: exactly `entry.size` of them. */
  body?: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
}

// The kind bits of a stat mode: they keep a zero permission (mode 0) from being taken as "unset".
const KIND_BITS = { file: 0o100000, dir: 0o040000, symlink: 0o120000 } as const;

function toHeader(e: TarWriteEntry): Header {
  return {
    name: e.type === 'dir' ? `${e.name}/` : e.name,
    type: e.type === 'dir' ? 'directory' : e.type,
    size: e.type === 'file' ? e.size : 0,
    mode: KIND_BITS[e.type] | (e.mode & 0o7777),
    mtime: new Date(Math.max(0, Math.floor(e.mtime)) * 1000),
    linkname: e.type === 'symlink' ? (e.linkTarget ?? '') : '',
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
    devmajor: 0,
    devminor: 0,
  };
}

/** tar-stream's "Size mismatch", said about the entry being written. */
function writeFailure(err: unknown, entry: TarWriteEntry | undefined): unknown {
  return err instanceof Error && err.message === 'Size mismatch' && entry
    ? new Error(`"${entry.name}" did not have the ${entry.size} bytes announced for it.`)
    : err;
}

/** Writes one entry into the pack, its body at the pace the pack is read. */
function writeEntry(pack: ReturnType<typeof tarPack>, { entry, body }: TarWriteItem): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const sink = pack.entry(toHeader(entry), (err) => (err ? reject(writeFailure(err, entry)) : resolve()));
    sink.on('error', () => {}); // reported through the callback above
    if (entry.type !== 'file' || !body) {
      sink.end(null);
      return;
    }
    void (async () => {
      try {
        for await (const chunk of body) {
          if (sink.destroying) return;
          if (!sink.write(chunk)) await drained(sink);
        }
        sink.end(null);
      } catch (err) {
        sink.destroy(err as Error);
      }
    })();
  });
}

/**
 * The items as a tar byte stream, produced as it is read: one entry's body is open at a time, and a
 * reader that stops (destroys the stream) stops the writing.
 */
export function writeTar(items: Iterable<TarWriteItem> | AsyncIterable<TarWriteItem>): Readable {
  const pack = tarPack();
  let current: TarWriteEntry | undefined;
  void (async () => {
    try {
      for await (const item of items) {
        if (pack.destroying) return;
        current = item.entry;
        await writeEntry(pack, item);
      }
      pack.finalize();
    } catch (err) {
      pack.destroy(writeFailure(err, current) as Error);
    }
  })();
  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of pack as AsyncIterable<Buffer>) yield chunk;
    } catch (err) {
      throw writeFailure(err, current);
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

/** A tar holding one regular file `name` (for bytes already in memory). */
export async function tarOneFile(name: string, data: Buffer, mode = 0o644, mtime = Date.now() / 1000): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const entry: TarWriteEntry = { name, type: 'file', size: data.length, mode, mtime };
  for await (const c of writeTar([{ entry, body: [data] }])) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
