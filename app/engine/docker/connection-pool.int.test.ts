// Engine connections against the real engine, counted by a proxy on the engine's socket: ordinary
// calls share ENGINE_POOL_SOCKETS connections however many run at once; long-lived calls get their
// own; a fired signal aborts the engine's HTTP request (its connection closes); idle pooled
// connections close after ENGINE_POOL_IDLE_MS, while a call that takes longer is not cut short.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountProxy, type CountProxy } from '../../../bench/scenarios/support/count-proxy';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, ENGINE_POOL_SOCKETS, withAbortSignal, type EngineClient } from './client';
import { ENGINE_POOL_IDLE_MS } from './connection-pool';

let proxy: CountProxy;
let client: EngineClient;
const made: string[] = [];

beforeAll(async () => {
  proxy = await startCountProxy(testEngine().socket);
  client = await connectEngine({ kind: 'unix', socketPath: proxy.host.slice('unix://'.length) });
});
afterAll(async () => {
  if (made.length) await testEngine().docker(['rm', '-f', ...made]);
  await proxy.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sleeper(): Promise<string> {
  const name = uniqueName('pool');
  made.push(name);
  const r = await testEngine().docker(['run', '-d', '--name', name, fixtures().busybox, 'sleep', '600']);
  expect(r.code, r.stderr).toBe(0);
  return name;
}

describe('the engine connection pool', () => {
  it(`carries 500 concurrent lists on at most ${ENGINE_POOL_SOCKETS} connections, all answered`, async () => {
    const before = proxy.connections.length;
    const lists = await Promise.all(Array.from({ length: 500 }, () => client.docker.listContainers({ all: true })));
    expect(lists.every((l) => Array.isArray(l))).toBe(true);
    const mine = new Set(proxy.connections.slice(before));
    expect(proxy.peakOpen((c) => mine.has(c))).toBeLessThanOrEqual(ENGINE_POOL_SOCKETS);
    expect(proxy.requests.filter((r) => r.path.endsWith('/containers/json')).length).toBeGreaterThanOrEqual(500);
  });

  it(`closes pooled connections idle for ${ENGINE_POOL_IDLE_MS} ms, and lets a longer call finish`, async () => {
    const pooled = (c: { paths: string[] }) => !c.paths.some((p) => p.endsWith('/events'));
    await Promise.all(Array.from({ length: 8 }, () => client.docker.listContainers({ all: true })));
    expect(proxy.openNow(pooled)).toBeGreaterThan(0);
    // A stop that waits out a 7 s grace period (sh ignores SIGTERM as PID 1) on a pooled connection.
    const name = await sleeper();
    const t0 = Date.now();
    await client.docker.getContainer(name).stop({ t: 7 });
    expect(Date.now() - t0).toBeGreaterThan(ENGINE_POOL_IDLE_MS);
    await sleep(ENGINE_POOL_IDLE_MS + 1500);
    expect(proxy.openNow(pooled)).toBe(0);
  }, 30000);

  it('gives long-lived streams connections of their own, so they never starve the pool', async () => {
    const streams = await Promise.all(
      Array.from({ length: ENGINE_POOL_SOCKETS + 4 }, () => client.docker.getEvents({})),
    );
    try {
      // Every pooled connection could be taken by an event stream if they shared: a list still answers.
      await expect(client.docker.listContainers()).resolves.toBeInstanceOf(Array);
      expect(proxy.openNow((c) => c.paths.some((p) => p.endsWith('/events')))).toBe(ENGINE_POOL_SOCKETS + 4);
    } finally {
      for (const s of streams) (s as unknown as { destroy(): void }).destroy();
    }
  });

  it('aborts the engine request when the signal fires: the call fails at once and its connection closes', async () => {
    const name = await sleeper();
    const ctl = new AbortController();
    const bound = withAbortSignal(client, ctl.signal);
    // POST /containers/{id}/wait answers only when the container exits (in ten minutes).
    const waiting = bound.docker
      .getContainer(name)
      .wait()
      .then(
        () => 'answered',
        () => 'aborted',
      );
    await sleep(300);
    // A pooled connection may have carried other calls before; the one that carried the wait is the one.
    const carrier = () => proxy.connections.find((c) => c.paths.some((p) => p.endsWith('/wait')));
    expect(carrier()).toBeDefined();
    expect(carrier()!.closed).toBeUndefined();
    const t = performance.now();
    ctl.abort();
    expect(await waiting).toBe('aborted');
    const end = Date.now() + 2000;
    while (carrier()?.closed === undefined && Date.now() < end) await sleep(20);
    expect(carrier()?.closed).toBeGreaterThanOrEqual(t);
    // The unbound client is untouched by that signal.
    await expect(client.docker.listContainers()).resolves.toBeInstanceOf(Array);
  });
});
