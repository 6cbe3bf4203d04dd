// A container's logs as an async iterable of line batches (readLogs) or of each stream's bytes
// (readLogBytes, what the page gets), with natural backpressure: while the consumer does not pull,
// the socket is paused; `break`, `return()` or the signal destroys it.
import type { Readable } from 'node:stream';
import type { BytesItem } from '../../shared/contract/frames';
import type { EngineClient } from './client';
import { attempt, toBerthError } from './errors';
import { inspectContainer } from './containers';
import { openLocalStream } from './local-stream';
import { LogDemuxer, LogParser, type LogLine, type LogParserOptions } from './log-demux';
import { invalidInput, validateContainerRef } from './validate';

export type { LogLine, LogStream } from './log-demux';

export interface LogsOptions {
  /**
   * Keep streaming new lines until the container stops or the consumer stops (default false).
   * Ignored with `until`: a window that ends is read to its end, never followed.
   */
  follow?: boolean;
  /** Only the last N lines (default: all). */
  tail?: number | 'all';
  /** Unix seconds (may be fractional) or an RFC 3339 time / Go duration string the engine accepts. */
  since?: number | string;
  until?: number | string;
  /** Prefix each line with its RFC 3339 timestamp, returned as `ts` (default false). */
  timestamps?: boolean;
  /** Which streams (both by default). */
  stdout?: boolean;
  stderr?: boolean;
  /** Skip the inspect when the caller already knows whether the container has a TTY. */
  tty?: boolean;
  signal?: AbortSignal;
}

function timeParam(v: number | string | undefined, field: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) throw invalidInput(field, 'A time is a number of seconds since 1970, 0 or more.');
    return v.toFixed(9).replace(/\.?0+$/, '');
  }
  if (!/^[0-9A-Za-z:.+-]{1,64}$/.test(v))
    throw invalidInput(field, 'A time is a timestamp like 2024-01-02T03:04:05Z or a duration like 10m.');
  return v;
}

interface OpenedLogs {
  res: Readable;
  parser: LogParserOptions;
}

/** Checks the options and opens the engine's log stream; undefined when there is nothing to read. */
async function openLogs(client: EngineClient, id: string, opts: LogsOptions): Promise<OpenedLogs | undefined> {
  const ref = validateContainerRef(id);
  const tail = opts.tail ?? 'all';
  if (tail !== 'all' && (!Number.isInteger(tail) || tail < 0))
    throw invalidInput('tail', 'Tail is a whole number of lines, or all.');
  const since = timeParam(opts.since, 'since');
  const until = timeParam(opts.until, 'until');
  const follow = !!opts.follow && until === undefined;
  const stdout = opts.stdout ?? true;
  const stderr = opts.stderr ?? true;
  if (!stdout && !stderr) return undefined;
  const tty = opts.tty ?? !!(await inspectContainer(client, ref)).Config?.Tty;
  if (opts.signal?.aborted) return undefined;
  // A local engine's log is read as HTTP/1.0, in large pieces (local-stream.ts says why).
  const res = await attempt(`read the logs of container "${ref}"`, () =>
    openLocalStream(client, {
      path: `/containers/${encodeURIComponent(ref)}/logs`,
      query: { follow, stdout, stderr, timestamps: !!opts.timestamps, tail: String(tail), since, until },
      ...(opts.signal ? { signal: opts.signal } : {}),
    }),
  );
  return { res, parser: { tty, timestamps: !!opts.timestamps } };
}

/**
 * Reads a container's logs. Yields arrays of lines (one array per chunk the engine sent), so a
 * consumer can forward them in batches. TTY or multiplexed is decided from inspect's Config.Tty.
 */
export async function* readLogs(
  client: EngineClient,
  id: string,
  opts: LogsOptions = {},
): AsyncGenerator<LogLine[], void, undefined> {
  const opened = await openLogs(client, id, opts);
  if (opened) yield* linesFromResponse(opened.res, opened.parser, opts.signal);
}

/**
 * Reads a container's logs as bytes: per wake-up, the runs of stdout and stderr bytes (stderr
 * marked) in order, demultiplexed, with the timestamps of continuation messages dropped. With
 * `timestamps`, each line starts with its time and a space. Nothing is decoded here.
 */
export async function* readLogBytes(
  client: EngineClient,
  id: string,
  opts: LogsOptions = {},
): AsyncGenerator<BytesItem[], void, undefined> {
  const opened = await openLogs(client, id, opts);
  if (!opened) return;
  const demux = new LogDemuxer(opened.parser);
  yield* fromResponse(
    opened.res,
    (parts) => {
      const items: BytesItem[] = [];
      const take = (stderr: boolean, bytes: Uint8Array) =>
        items.push(stderr ? { type: 'bytes', data: bytes, stderr: true } : { type: 'bytes', data: bytes });
      for (const part of parts) demux.push(part, take);
      return items;
    },
    () => [],
    'keep reading the logs',
    opts.signal,
  );
}

/**
 * Everything a stream has buffered, as one array per wake-up: the engine writes logs in many small
 * chunks (one frame each), and taking them together saves a promise and a batch per chunk.
 * Reading stops (and the socket is paused by the stream) while the consumer does not pull.
 */
export async function* bufferedChunks(res: NodeJS.ReadableStream): AsyncGenerator<Buffer[], void, undefined> {
  const stream = res as Readable;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const onReadable = () => wake?.();
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const onError = (err: Error) => {
    failure ??= err;
    wake?.();
  };
  const onClose = () => {
    if (!stream.readableEnded)
      failure ??= Object.assign(new Error('The stream was cut off.'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    wake?.();
  };
  stream.on('readable', onReadable);
  stream.on('end', onEnd);
  stream.on('error', onError);
  stream.on('close', onClose);
  try {
    for (;;) {
      const parts: Buffer[] = [];
      let chunk: Buffer | null;
      while ((chunk = stream.read() as Buffer | null) !== null) parts.push(chunk);
      if (parts.length) {
        yield parts;
        continue;
      }
      if (failure) throw failure;
      if (ended || stream.readableEnded) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    stream.off('readable', onReadable);
    stream.off('end', onEnd);
    stream.off('error', onError);
    stream.off('close', onClose);
  }
}

/** Streams a log response (or any byte stream) through the parser; destroys it when the consumer stops. */
export function linesFromResponse(
  res: NodeJS.ReadableStream & { destroy(): void },
  parserOpts: { tty: boolean; timestamps?: boolean },
  signal?: AbortSignal,
): AsyncGenerator<LogLine[], void, undefined> {
  const parser = new LogParser(parserOpts);
  return fromResponse(
    res,
    (parts) => {
      const lines = parser.push(parts[0]!);
      for (let i = 1; i < parts.length; i++) for (const l of parser.push(parts[i]!)) lines.push(l);
      return lines;
    },
    () => parser.end(),
    'keep reading the logs',
    signal,
  );
}

/**
 * Reads a byte stream wake-up by wake-up, turning each wake-up's chunks into one batch (`convert`)
 * and the end into a last one (`finish`); empty batches are skipped. Destroys the stream when the
 * consumer stops or the signal aborts; a cut-off stream is reported as what could not be done.
 */
async function* fromResponse<T>(
  res: NodeJS.ReadableStream & { destroy(): void },
  convert: (parts: Buffer[]) => T[],
  finish: () => T[],
  what: string,
  signal?: AbortSignal,
): AsyncGenerator<T[], void, undefined> {
  const onAbort = () => res.destroy();
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const parts of bufferedChunks(res)) {
      const batch = convert(parts);
      if (batch.length) yield batch;
    }
    const last = finish();
    if (last.length) yield last;
  } catch (err) {
    if (signal?.aborted) return;
    // The engine went away mid-stream (restart, crash): what came so far stands; report the cut.
    const e = err as NodeJS.ErrnoException;
    throw toBerthError(e.code ? e : Object.assign(e, { code: 'ECONNRESET' }), what);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    res.destroy();
  }
}
