// The diagnostics bundle: one .tar.gz, written as it is read. Each part is collected only when its
// turn in the archive comes (so the archive is never held whole; the largest thing held is one part,
// at most a log tail of LOG_TAIL_BYTES), passes the redaction (app/engine/util/redact.ts), and lands
// in a folder named after the time. A part that cannot be collected (the engine is down) becomes a
// `.error.txt` saying why, so a bundle is always made. README.txt, last, lists what is in the
// archive, what was removed from it, and what is never included.
import { open } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { writeTar, type TarWriteItem } from '../docker/container-files-tar';
import type { ByteSource } from '../docker/transfers';
import { redactText, redactValue } from '../util/redact';

/** The end of a log file that goes into the bundle. */
export const LOG_TAIL_BYTES = 1024 * 1024;

export type BundleContent =
  /** JSON, redacted by key (secret-like keys, environments) and URL credentials in values. */
  | { json: unknown }
  /** Plain text, redacted like a log. */
  | { text: string }
  /** The last LOG_TAIL_BYTES of a log file, redacted. */
  | { logFile: string }
  /** Nothing to include: why (goes into README.txt). */
  | { none: string };

export interface BundlePart {
  /** Path inside the bundle's folder, e.g. "engine/info.json". */
  name: string;
  /** What it holds, for README.txt. */
  about: string;
  content(): Promise<BundleContent>;
}

/** What README.txt says is never in a bundle, whatever the parts. */
export const NEVER_INCLUDED = [
  "Environment variables of containers (and of any process): lists of containers carry names, images, states and sizes only; no container's environment, labels, command or mounts.",
  'Registry passwords and identity tokens: the registries list says where a sign-in is kept, not the user name or the secret.',
  'The contents of volumes, images and containers.',
];

async function logTail(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const start = Math.max(0, size - LOG_TAIL_BYTES);
    const buf = Buffer.alloc(size - start);
    const { bytesRead } = await fh.read(buf, 0, buf.length, start);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    // A cut in the middle of a line starts at the next whole one.
    return start > 0
      ? `[… the first ${start} bytes of the log are left out]\n${text.slice(text.indexOf('\n') + 1)}`
      : text;
  } finally {
    await fh.close();
  }
}

function fileItem(name: string, data: Buffer, mtime: number): TarWriteItem {
  return { entry: { name, type: 'file', size: data.length, mode: 0o644, mtime }, body: [data] };
}

const removalsOf = (where: string, count: number) =>
  count ? [`${where}: ${count} secret-looking value${count === 1 ? '' : 's'} in the text`] : [];

/** Renders one part's content as bytes; `removed` hears what was taken out. */
async function render(part: BundlePart, removed: string[]): Promise<{ data: Buffer; note?: string }> {
  const c = await part.content();
  if ('none' in c) return { data: Buffer.from(`${c.none}\n`), note: c.none };
  if ('json' in c)
    return { data: Buffer.from(`${JSON.stringify(redactValue(c.json, removed, part.name), null, 2)}\n`) };
  const raw = 'text' in c ? c.text : await logTail(c.logFile);
  const r = redactText(raw);
  removed.push(...removalsOf(part.name, r.count));
  return { data: Buffer.from(r.text) };
}

function readme(when: Date, listed: string[], removed: string[]): string {
  return [
    'Berth diagnostics bundle',
    `Made ${when.toISOString()}.`,
    '',
    'What is in it:',
    ...listed.map((l) => `  ${l}`),
    '',
    'What was removed (each replaced by "[removed]" or left out):',
    ...(removed.length ? removed.map((r) => `  ${r}`) : ['  nothing needed removing.']),
    '  Any value whose key is named like auth, token, secret, password, credential, private key, API key,',
    '  cookie or session is removed wherever it appears; user names and passwords in URLs are removed too.',
    '',
    'Never included:',
    ...NEVER_INCLUDED.map((n) => `  ${n}`),
    '',
    'Read it before you share it: it names your containers, images and volumes.',
    '',
  ].join('\n');
}

/** The bundle as a byte stream: parts collected one by one as the reader takes the archive. */
export function openDiagnosticsBundle(
  parts: BundlePart[],
  opts: { now?: Date; signal?: AbortSignal } = {},
): ByteSource {
  const when = opts.now ?? new Date();
  const dir = `berth-diagnostics-${when.toISOString().replace(/[:.]/g, '-')}`;
  const mtime = Math.floor(when.getTime() / 1000);
  async function* items(): AsyncGenerator<TarWriteItem> {
    const removed: string[] = [];
    const listed: string[] = [];
    for (const part of parts) {
      if (opts.signal?.aborted) return;
      try {
        const { data, note } = await render(part, removed);
        listed.push(`${part.name}: ${part.about}${note ? ` (none: ${note})` : ''}`);
        yield fileItem(`${dir}/${part.name}`, data, mtime);
      } catch (err) {
        const why = (err as Error).message;
        listed.push(`${part.name}.error.txt: ${part.about}, which could not be collected`);
        yield fileItem(`${dir}/${part.name}.error.txt`, Buffer.from(`${redactText(why).text}\n`), mtime);
      }
    }
    yield fileItem(`${dir}/README.txt`, Buffer.from(readme(when, listed, removed)), mtime);
  }
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  pipeline(writeTar(items()), createGzip(), out, ...(opts.signal ? [{ signal: opts.signal }] : [])).catch(
    (err: unknown) => out.destroy(err as Error),
  );
  return { name: `${dir}.tar.gz`, bytes: out };
}
