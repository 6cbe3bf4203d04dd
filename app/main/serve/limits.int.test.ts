// Per-client limits, measured against a real `berth serve` process on the harness engine, with a
// proxy on the engine's socket counting the connections Berth opens: 3 000 concurrent lists stay
// within the engine pool; a client that stops reading 60 downloads of 30 MB keeps Berth's memory
// bounded, and its engine streams close when it goes; cancel and departure abort engine calls;
// windows per server and streams per window are capped; oversized input is refused before the engine.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startCountProxy, type CountProxy, type SeenConnection } from '../../../bench/scenarios/support/count-proxy';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { startBerthServe, type ServeProcess } from '../../../harness/serve-process';
import { ENGINE_POOL_SOCKETS } from '../../engine/docker/client';
import type { ContainerSummary } from '../../shared/contract';
import { MAX_SUBSCRIPTIONS } from '../api/limits';
import { MAX_CONNECTIONS } from './server';
import { connectTestClient, pageProtocols, type TestConnection } from './ws-test-client';

let proxy: CountProxy;
let serve: ServeProcess;
let base: string;
let token: string;
const containers: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  proxy = await startCountProxy(testEngine().socket);
  serve = await startBerthServe(['--engine-socket', proxy.host], process.env);
  const u = new URL(serve.url);
  base = `http://${u.host}`;
  token = u.searchParams.get('token')!;
}, 60_000);
afterAll(async () => {
  if (containers.length) await testEngine().docker(['rm', '-f', ...containers]);
  await serve.stop();
  await proxy.close();
});

async function busybox(args: string[]): Promise<string> {
  const name = uniqueName('limits');
  containers.push(name);
  const r = await testEngine().docker(['run', '-d', '--name', name, fixtures().busybox, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return name;
}

const carried = (re: RegExp) => (c: SeenConnection) => c.calls.some((call) => re.test(call));

/** Berth's resident memory now, from /proc. */
function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

describe('limits of a real berth serve', () => {
  it(`refuses window number ${MAX_CONNECTIONS + 1} before its handshake (first, while no other window is open), and takes one again once a window closes`, async () => {
    const open: TestConnection[] = [];
    try {
      for (let i = 0; i < MAX_CONNECTIONS; i++) open.push(await connectTestClient(base, token));
      await expect(connectTestClient(base, token)).rejects.toThrow(/503/);
      await open.pop()!.close();
      await sleep(200);
      open.push(await connectTestClient(base, token));
    } finally {
      await Promise.all(open.map((c) => c.close()));
    }
  });

  it(`answers 3 000 concurrent lists from 3 windows over at most ${ENGINE_POOL_SOCKETS} engine connections`, async () => {
    const clients = await Promise.all([1, 2, 3].map(() => connectTestClient(base, token)));
    try {
      const before = proxy.connections.length;
      const lists = await Promise.all(
        clients.flatMap((c) =>
          Array.from({ length: 1000 }, () => c.request<ContainerSummary[]>('containers.list', { all: true })),
        ),
      );
      expect(lists).toHaveLength(3000);
      expect(lists.every((l) => Array.isArray(l))).toBe(true);
      const lister = carried(/^GET \/v[\d.]+\/containers\/json$/);
      expect(proxy.requests.filter((r) => /\/containers\/json$/.test(r.path)).length).toBeGreaterThanOrEqual(3000);
      expect(proxy.peakOpen(lister)).toBeLessThanOrEqual(ENGINE_POOL_SOCKETS);
      // Nearly every list reused a pooled connection instead of opening one.
      expect(proxy.connections.slice(before).filter(lister).length).toBeLessThanOrEqual(ENGINE_POOL_SOCKETS);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  }, 120_000);

  it('keeps memory under 300 MB for a client that stops reading 60 downloads of 30 MB, and closes their engine streams when it goes', async () => {
    // The engine serialises archive reads of one container (a stalled one holds its lock), so each
    // download reads the same 30 MB file through its own (created, never started) container.
    const vol = uniqueName('limits-vol');
    const fill = await testEngine().docker([
      'run',
      '--rm',
      '-v',
      `${vol}:/data`,
      fixtures().busybox,
      'dd',
      'if=/dev/urandom',
      'of=/data/big',
      'bs=1M',
      'count=30',
    ]);
    expect(fill.code, fill.stderr).toBe(0);
    const readers: string[] = [];
    for (let i = 0; i < 60; i++) {
      const name = uniqueName('limits-reader');
      const r = await testEngine().docker(['create', '--name', name, '-v', `${vol}:/data`, fixtures().busybox, 'true']);
      expect(r.code, r.stderr).toBe(0);
      containers.push(name);
      readers.push(name);
    }
    onTestFinished(async () => {
      await testEngine().docker(['rm', '-f', ...readers]);
      await testEngine().docker(['volume', 'rm', '-f', vol]);
    });
    const pid = serve.child.pid!;
    const archives = carried(/^GET \/v[\d.]+\/containers\/[^/]+\/archive$/);
    const openBefore = proxy.openNow(archives);
    const ws = new WebSocket(`ws://${new URL(base).host}/api`, pageProtocols(token), { headers: { Origin: base } });
    await new Promise((r, j) => ws.once('open', r).once('error', j));
    let received = 0;
    ws.on('message', (d: Buffer) => (received += d.length));
    readers.forEach((name, i) =>
      ws.send(
        JSON.stringify({ t: 'sub', id: i + 1, topic: 'containers.download', args: { id: name, path: '/data/big' } }),
      ),
    );
    // Read until every download has begun, then stop reading, but keep acknowledging blindly.
    const begun = Date.now() + 15_000;
    while (received < 60 * 8 * 64 * 1024 && Date.now() < begun) await sleep(50);
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    // Blind acknowledgements: each round acknowledges the next 8 sequence numbers of every stream,
    // whatever arrived (the server takes those it has sent). A blind guess runs ahead of a server that
    // is slower than it, so this adversary stalls itself sooner or later; the session's unit tests
    // show the transport's backpressure holding data on its own.
    let next = 1;
    const acker = setInterval(() => {
      for (let id = 1; id <= 60; id++)
        for (let seq = next; seq < next + 8; seq++) ws.send(JSON.stringify({ t: 'ack', id, seq }));
      next += 8;
    }, 25);
    let peak = 0;
    const end = Date.now() + 8000;
    while (Date.now() < end) {
      peak = Math.max(peak, rssBytes(pid));
      await sleep(100);
    }
    clearInterval(acker);
    console.log(`berth serve's peak RSS with 60 stalled downloads: ${(peak / 1048576).toFixed(0)} MB`);
    expect(peak).toBeLessThan(300 * 1024 * 1024);
    // All 60 are held open at the engine, paused by backpressure rather than finished.
    expect(proxy.openNow(archives) - openBefore).toBe(60);
    ws.terminate();
    const deadline = Date.now() + 10_000;
    while (proxy.openNow(archives) > openBefore && Date.now() < deadline) await sleep(100);
    expect(proxy.openNow(archives)).toBe(openBefore);
  }, 120_000);

  it('aborts an engine call when its request is cancelled, and when its client goes', async () => {
    const name = await busybox(['sleep', '600']);
    const clients: TestConnection[] = [];
    onTestFinished(() => Promise.all(clients.map((c) => c.close())).then(() => undefined));
    for (const how of ['cancel', 'leave'] as const) {
      const c = await connectTestClient(base, token);
      clients.push(c);
      const stops = (x: SeenConnection) => x.calls.filter((call) => /\/stop$/.test(call)).length;
      const before = new Map(proxy.connections.map((x) => [x, stops(x)]));
      // busybox sleep as PID 1 ignores SIGTERM: the engine waits the full 30 s before it kills.
      const call = c.call('containers.stop', { id: name, timeout: 30 });
      call.result.catch(() => undefined);
      let conn: SeenConnection | undefined;
      const found = Date.now() + 5000;
      // The connection that carries this stop (a pooled one may have carried other calls before).
      while (!(conn = proxy.connections.find((x) => stops(x) > (before.get(x) ?? 0))) && Date.now() < found)
        await sleep(20);
      expect(conn?.closed).toBeUndefined();
      const t = performance.now();
      if (how === 'cancel') {
        c.cancel(call.id);
        await expect(call.result).rejects.toMatchObject({ message: 'The request was cancelled.' });
      } else c.ws.terminate();
      const closed = Date.now() + 3000;
      while (conn!.closed === undefined && Date.now() < closed) await sleep(20);
      expect(conn!.closed, `the engine call was not aborted on ${how}`).toBeGreaterThanOrEqual(t);
      await c.close();
    }
  }, 60_000);

  it(`ends stream number ${MAX_SUBSCRIPTIONS + 1} of one window with a sentence, and the window keeps working`, async () => {
    const c = await connectTestClient(base, token);
    const streams = Array.from({ length: MAX_SUBSCRIPTIONS + 1 }, () => c.subscribe('engine.events', {}));
    const last = await streams.at(-1)!.ended;
    expect(last.error).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/100 live views/) });
    streams[0]!.close();
    await sleep(100);
    const again = c.subscribe('engine.events', {});
    await sleep(300);
    expect(c.frames.some((f) => f.t === 'end' && f.id === again.id)).toBe(false);
    await expect(c.request('engine.status')).resolves.toMatchObject({ state: 'running' });
    await c.close();
  });

  it('refuses 300 labels, a 200 KB command and a frame over 4 MB before anything reaches the engine', async () => {
    const marker = uniqueName('limits-marker');
    const c = await connectTestClient(base, token);
    const labels = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`l${i}`, 'v']));
    await expect(
      c.request('containers.run', { image: fixtures().busybox, labels: { ...labels, 'berth.test': marker } }),
    ).rejects.toMatchObject({ kind: 'invalid', field: 'labels', message: 'A container takes at most 256 labels.' });
    await expect(
      c.request('containers.run', {
        image: fixtures().busybox,
        command: ['sh', '-c', 'x'.repeat(200 * 1024)],
        labels: { 'berth.test': marker },
      }),
    ).rejects.toMatchObject({ kind: 'invalid', field: 'command' });
    const closed = new Promise<number>((r) => c.ws.once('close', (code) => r(code)));
    c.sendRaw(
      JSON.stringify({
        t: 'req',
        id: 1,
        method: 'containers.run',
        args: { image: 'x', labels: { big: 'v'.repeat(5 << 20) } },
      }),
    );
    // 1009 (too big), or 1006 when the server's close overtakes the rest of the frame still being sent.
    expect([1009, 1006]).toContain(await closed);
    expect((await testEngine().docker(['ps', '-aq', '--filter', `label=berth.test=${marker}`])).stdout.trim()).toBe('');
  });
});
