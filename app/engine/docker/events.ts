// Engine events: one long-lived /events stream, NDJSON split by line, reconnected with `since`
// after a drop, fanned out by an EventHub to every subscriber.
import type { IncomingMessage } from 'node:http';
import { dialStream, type EngineClient } from './client';
import { attempt, toBerthError } from './errors';
import { NdjsonSplitter } from './events-ndjson';
import type { EngineEvent } from '../../shared/contract/dto';

export type EngineObjectType =
  | 'container'
  | 'image'
  | 'volume'
  | 'network'
  | 'daemon'
  | 'plugin'
  | 'service'
  | 'node'
  | 'secret'
  | 'config'
  | 'builder';

/**
 * An event as the stream reads it: the contract's EngineEvent (the one type of an engine event), plus
 * the engine's exact nanosecond time, which only the hub needs (to reconnect with `since` and drop repeats).
 */
export interface StreamedEvent extends EngineEvent {
  /** Nanoseconds since the epoch, as the engine gave it (a string: it exceeds 2^53). */
  timeNano: string;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  from?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number | string;
}

export function toEngineEvent(raw: RawEvent, rawText?: string): StreamedEvent {
  const attributes = raw.Actor?.Attributes ?? {};
  // timeNano exceeds 2^53; take its digits from the raw text when we have it.
  const nanoFromText = rawText ? /"timeNano":(\d+)/.exec(rawText)?.[1] : undefined;
  const timeNano =
    nanoFromText ??
    (raw.timeNano !== undefined ? BigInt(Math.round(Number(raw.timeNano))).toString() : `${(raw.time ?? 0) * 1e9}`);
  const name = attributes.name;
  return {
    type: raw.Type ?? 'container',
    action: raw.Action ?? raw.status ?? '',
    id: raw.Actor?.ID ?? raw.id ?? '',
    ...(name ? { name } : {}),
    attributes,
    time: timeNano.length > 6 ? Number(timeNano.slice(0, -6)) : (raw.time ?? 0) * 1000,
    timeNano,
  };
}

/** `since` in the engine's "seconds.nanoseconds" form for a nanosecond timestamp. */
export function sinceParam(timeNano: string): string {
  const padded = timeNano.padStart(10, '0');
  return `${padded.slice(0, -9) || '0'}.${padded.slice(-9)}`;
}

export interface StreamEventsOptions {
  /** Unix seconds, or "seconds.nanoseconds". */
  since?: number | string;
  until?: number | string;
  /** Engine filters, e.g. `{ type: ['container'], event: ['start', 'die'] }`. */
  filters?: Record<string, string[]>;
  signal?: AbortSignal;
}

/** Opens the engine's event stream (resolves once the engine answered). */
export async function openEventStream(client: EngineClient, opts: StreamEventsOptions = {}): Promise<IncomingMessage> {
  return attempt('listen to engine events', () =>
    dialStream(client, {
      path: '/events',
      query: {
        ...(opts.since !== undefined ? { since: String(opts.since) } : {}),
        ...(opts.until !== undefined ? { until: String(opts.until) } : {}),
        ...(opts.filters ? { filters: JSON.stringify(opts.filters) } : {}),
      },
    }),
  );
}

/** Engine events as an async iterable of batches (one batch per chunk received). */
export async function* streamEvents(
  client: EngineClient,
  opts: StreamEventsOptions = {},
): AsyncGenerator<StreamedEvent[], void, undefined> {
  const res = await openEventStream(client, opts);
  const onAbort = () => res.destroy();
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const splitter = eventSplitter();
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      const events = splitter.push(chunk);
      if (events.length) yield events;
    }
  } catch (err) {
    if (!opts.signal?.aborted) throw toBerthError(err, 'keep listening to engine events');
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    res.destroy();
  }
}

/** An NDJSON splitter that yields typed events, reading timeNano's exact digits from the raw line. */
export function eventSplitter(): NdjsonSplitter<StreamedEvent> {
  return new NdjsonSplitter<StreamedEvent>((line) => toEngineEvent(JSON.parse(line) as RawEvent, line));
}
