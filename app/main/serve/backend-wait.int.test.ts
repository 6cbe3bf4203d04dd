// `berth serve` listens before its backend has loaded (run.ts): a window that connects meanwhile has
// its messages held and answered once the backend is there; a backend that fails to start
// closes the window's socket with the reason instead of leaving it hanging.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../../harness/context';
import { createBackend, type Backend } from '../backend';
import { startServer, type RunningServer, type ServeBackend } from './server';
import { connectTestClient } from './ws-test-client';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Berth</title>');
  writeFileSync(join(dir, 'app.js'), 'export {};');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('berth serve while its backend loads', () => {
  let server: RunningServer | undefined;
  let backend: Backend | undefined;
  afterAll(async () => {
    await server?.close();
    await backend?.close();
  });

  it('serves the page at once and answers a window’s early requests when the backend is ready', async () => {
    const later = deferred<ServeBackend>();
    server = await startServer({ host: '127.0.0.1', port: 0, rendererDir: dir, backend: later.promise });
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(page.status).toBe(200);
    const c = await connectTestClient(`http://127.0.0.1:${server.port}`, server.token);
    const order: string[] = [];
    const status = c.request<{ state: string }>('engine.status').then((s) => (order.push('status'), s));
    const bad = c.request('containers.list', { all: 'yes' }).then(
      () => order.push('list'),
      (e: { kind?: string }) => order.push(`list:${e.kind}`),
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(order).toEqual([]); // nothing answered before there is a backend
    backend = await createBackend({ engineSocket: testEngine().host });
    later.resolve(backend);
    expect((await status).state).toMatch(/starting|running/);
    await bad;
    expect(order.sort()).toEqual(['list:invalid', 'status']);
    await c.close();
  });

  it('closes a waiting window with the reason when the backend cannot start', async () => {
    const later = deferred<ServeBackend>();
    const failing = await startServer({ host: '127.0.0.1', port: 0, rendererDir: dir, backend: later.promise });
    try {
      const c = await connectTestClient(`http://127.0.0.1:${failing.port}`, failing.token);
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        c.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );
      c.request('engine.status').catch(() => undefined);
      later.reject(new Error('no data dir'));
      expect(await closed).toEqual({ code: 1011, reason: 'Berth could not start its backend' });
    } finally {
      await failing.close();
    }
  });

  it('tells once that the page has had its files: after a file beyond index.html, or when a window connects', async () => {
    const neverReady = (onPageFetched: () => void) =>
      startServer({
        host: '127.0.0.1',
        port: 0,
        rendererDir: dir,
        backend: new Promise<ServeBackend>(() => undefined),
        onPageFetched,
      });
    let told = 0;
    const s = await neverReady(() => told++);
    try {
      await (await fetch(`http://127.0.0.1:${s.port}/`)).text();
      expect(told).toBe(0); // the page alone: its script is still to come
      await (await fetch(`http://127.0.0.1:${s.port}/app.js`)).text();
      expect(told).toBe(1);
      await (await fetch(`http://127.0.0.1:${s.port}/app.js`)).text();
      expect(told).toBe(1);
    } finally {
      await s.close();
    }
    let connected = 0;
    const direct = await neverReady(() => connected++);
    try {
      const c = await connectTestClient(`http://127.0.0.1:${direct.port}`, direct.token);
      expect(connected).toBe(1);
      await c.close();
    } finally {
      await direct.close();
    }
  });
});
