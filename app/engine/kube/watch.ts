// List, then watch from the list's resourceVersion, as client-go's reflector does: bookmarks move the
// version on; a clean end of the stream (the server's timeout) resumes from the last version; a
// dropped connection resumes after a short backoff; an ERROR 410 Gone (the version was compacted
// away) lists again and sends a fresh reset. A list goes out as reset, its objects in slices of
// LIST_SLICE upserts (so the stream pump batches a list of thousands like any other stream, rather
// than as one item of hundreds of KB), then synced. Watch items come out one batch per chunk read,
// and the request is destroyed when the caller aborts.
import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeWatchItem } from '../../shared/contract/areas/kube';
import { BerthError } from '../../shared/errors';
import { statusError, type KubeStatus } from './errors';
import { kubeJson, openKube, serverOf, throwIfFailed } from './request';

interface Meta {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Meta & KubeStatus;
}

export interface WatchOptions<T> {
  /** The collection path, e.g. /api/v1/pods or /apis/apps/v1/namespaces/x/deployments. */
  path: string;
  map(obj: never): T;
  signal: AbortSignal;
  /** Seconds the server keeps one watch open (client-go picks 5–10 minutes). */
  timeoutSeconds?: number;
  /** Backoff after a dropped connection, in ms (grows to 30 s). */
  retryMs?: number;
}

const MAX_LINE = 16 * 1024 * 1024;
/** Objects per slice of a list: the pump sends what it has once a batch's estimate passes its size. */
export const LIST_SLICE = 64;

/** Splits a watch body into JSON events, batched per chunk. */
async function* events(res: IncomingMessage): AsyncGenerator<WatchEvent[]> {
  let buf = '';
  res.setEncoding('utf8');
  for await (const chunk of res as AsyncIterable<string>) {
    buf += chunk;
    if (buf.length > MAX_LINE)
      throw new BerthError({ kind: 'internal', message: 'A watch event is larger than 16 MiB.' });
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    const batch = lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as WatchEvent);
    if (batch.length) yield batch;
  }
}

class Gone extends Error {}

export async function* listWatch<T>(kc: KubeConfig, opts: WatchOptions<T>): AsyncGenerator<KubeWatchItem<T>[]> {
  const { signal } = opts;
  const key = (o: Meta) => ({ namespace: o.metadata?.namespace ?? '', name: o.metadata?.name ?? '' });
  let retry = opts.retryMs ?? 1000;
  while (!signal.aborted) {
    const list = await kubeJson<{ metadata?: { resourceVersion?: string }; items?: unknown[] }>(kc, {
      path: opts.path,
      signal,
    });
    let rv = list.metadata?.resourceVersion ?? '';
    const items = list.items ?? [];
    yield [{ type: 'reset' }];
    for (let i = 0; i < items.length; i += LIST_SLICE)
      yield items.slice(i, i + LIST_SLICE).map((o) => ({ type: 'upsert', item: opts.map(o as never) }) as const);
    yield [{ type: 'synced' }];
    try {
      while (!signal.aborted) {
        let res: IncomingMessage;
        try {
          res = await openKube(kc, {
            path: opts.path,
            query: {
              watch: 'true',
              resourceVersion: rv,
              allowWatchBookmarks: 'true',
              timeoutSeconds: opts.timeoutSeconds ?? 300 + Math.floor(Math.random() * 300),
            },
            signal,
          });
        } catch (e) {
          if (signal.aborted) return;
          if (e instanceof BerthError && e.kind !== 'unavailable') throw e;
          await sleep(retry, signal);
          retry = Math.min(retry * 2, 30_000);
          continue;
        }
        if (res.statusCode === 410) throw new Gone();
        await throwIfFailed(kc, res);
        try {
          for await (const batch of events(res)) {
            retry = opts.retryMs ?? 1000;
            const out: KubeWatchItem<T>[] = [];
            for (const ev of batch) {
              if (ev.type === 'ERROR') {
                if (ev.object.code === 410) throw new Gone();
                throw statusError(ev.object.code ?? 500, JSON.stringify(ev.object), serverOf(kc));
              }
              rv = ev.object.metadata?.resourceVersion ?? rv;
              if (ev.type === 'BOOKMARK') continue;
              if (ev.type === 'DELETED') out.push({ type: 'delete', ...key(ev.object) });
              else out.push({ type: 'upsert', item: opts.map(ev.object as never) });
            }
            if (out.length) yield out;
          }
        } catch (e) {
          if (e instanceof Gone || e instanceof BerthError || signal.aborted) throw e;
          // The connection dropped mid-stream: resume from the last version after a pause.
          await sleep(retry, signal);
          retry = Math.min(retry * 2, 30_000);
        } finally {
          res.destroy();
        }
      }
    } catch (e) {
      if (signal.aborted) return;
      if (!(e instanceof Gone)) throw e;
      // 410: the version is gone; list again.
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
