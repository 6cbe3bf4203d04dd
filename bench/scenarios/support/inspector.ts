// The JS heap of a process the bench started with `--inspect=127.0.0.1:0 --expose-gc`, read over its
// inspector (the Chrome DevTools protocol on a WebSocket): a full garbage collection, then V8's used
// heap. It is measured in the served process itself, not estimated from its RSS; only the bench opens
// it. The collection is the process's own `gc()`, not the protocol's HeapProfiler.collectGarbage:
// that one is V8's low-memory collection, which also shrinks the young generation, so the RSS the
// soak measures next dropped by ≈ 20 MB and grew back over the following cycles (measured).
import WebSocket from 'ws';

/** The inspector's WebSocket address from what Node printed on stderr, or undefined. */
export function inspectorUrl(stderr: string): string | undefined {
  return /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];
}

type Send = (method: string, params?: object) => Promise<unknown>;

/** Sends protocol commands in order over one connection and hands back each result. */
async function session<T>(url: string, work: (send: Send) => Promise<T>): Promise<T> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    const w = m.id === undefined ? undefined : waiting.get(m.id);
    if (!w) return; // an event
    waiting.delete(m.id!);
    if (m.error) w.reject(new Error(`inspector: ${m.error.message}`));
    else w.resolve(m.result);
  });
  ws.on('close', () => {
    for (const w of waiting.values()) w.reject(new Error('inspector: the connection closed'));
    waiting.clear();
  });
  let next = 1;
  const send: Send = (method, params) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, ...(params ? { params } : {}) }));
    });
  try {
    return await work(send);
  } finally {
    const closed = new Promise((r) => ws.once('close', r));
    ws.close();
    await closed;
  }
}

/** The process's used JS heap in MB after a full garbage collection. */
export function heapAfterGcMB(url: string): Promise<number> {
  return session(url, async (send) => {
    const ran = (await send('Runtime.evaluate', { expression: 'gc()' })) as { exceptionDetails?: unknown };
    if (ran.exceptionDetails) throw new Error('inspector: the process has no gc(); start it with --expose-gc');
    const { usedSize } = (await send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 2 ** 20;
  });
}
