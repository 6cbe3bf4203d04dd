// The WebSocket endpoint under bad input, a client that stops reading, and many open/close cycles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { WINDOW_BATCHES, type ExecItem } from '../../shared/contract';
import { startTestServer, type TestServer } from './test-server';
import { connectTestClient } from './ws-test-client';

let t: TestServer;
const created: string[] = [];
beforeAll(async () => {
  t = await startTestServer(testEngine().host);
});
afterAll(async () => {
  if (created.length) await testEngine().docker(['rm', '-f', ...created]);
  await t.close();
});

async function runBusybox(args: string[]): Promise<string> {
  const name = uniqueName('robust');
  const r = await testEngine().docker(['run', '-d', '--name', name, fixtures().busybox, ...args]);
  expect(r.code, r.stderr).toBe(0);
  created.push(name);
  return name;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Handles that matter for leaks: sockets (engine connections, websockets) and timers. */
function handleCount(): number {
  return process.getActiveResourcesInfo().filter((r) => /TCPSocketWrap|PipeWrap|Timeout|TTYWrap/.test(r)).length;
}

describe('the WebSocket endpoint', () => {
  it('survives random and mutated frames, answers with invalid, and never reaches the engine', async () => {
    const c = await connectTestClient(t.base, t.server.token);
    const before = (await testEngine().docker(['ps', '-aq'])).stdout;
    const valid = [
      { t: 'req', id: 1, method: 'containers.list', args: { all: true } },
      { t: 'sub', id: 2, topic: 'containers.logs', args: { id: 'x' } },
      { t: 'req', id: 3, method: 'containers.remove', args: { id: 'abc', force: true } },
    ];
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const junk = (): unknown => {
      const r = rand();
      if (r < 0.2) return Math.floor(rand() * 1e6);
      if (r < 0.4) return 'x'.repeat(Math.floor(rand() * 50));
      if (r < 0.5) return null;
      if (r < 0.6) return [junk()];
      if (r < 0.7) return { __proto__: { polluted: true }, constructor: 'x' };
      if (r < 0.8) return -1;
      return { id: junk() };
    };
    for (let i = 0; i < 500; i++) {
      const r = rand();
      if (r < 0.25)
        c.sendRaw(
          Buffer.from(Array.from({ length: Math.floor(rand() * 200) }, () => Math.floor(rand() * 256))).toString(
            'latin1',
          ),
        );
      else if (r < 0.35)
        c.sendRaw(Buffer.from([1, 2, 3])); // binary
      else {
        const f = structuredClone(valid[Math.floor(rand() * valid.length)]!) as Record<string, unknown>;
        const keys = ['t', 'id', 'method', 'topic', 'args', 'extra'];
        const k = keys[Math.floor(rand() * keys.length)]!;
        f[k] = junk();
        if (k === 'args' && f.method === 'containers.remove') f.args = { id: `not a name ${i}`, force: true };
        c.sendRaw(JSON.stringify(f));
      }
    }
    // Nothing was removed or created; the connection still answers; the server is up.
    await expect(c.request('engine.status')).resolves.toMatchObject({ state: 'running' });
    expect((await testEngine().docker(['ps', '-aq'])).stdout).toBe(before);
    expect(
      c.frames.some((f) => (f.t === 'error' || (f.t === 'res' && !f.ok)) && 'error' in f && f.error.kind === 'invalid'),
    ).toBe(true);
    await c.close();
  }, 60000);

  it('refuses a frame over the size limit by closing that socket, and keeps serving others', async () => {
    const c = await connectTestClient(t.base, t.server.token);
    const closed = new Promise<number>((r) => c.ws.once('close', (code) => r(code)));
    c.sendRaw('x'.repeat(65 * 1024 * 1024));
    expect(await closed).toBe(1009);
    const d = await connectTestClient(t.base, t.server.token);
    await expect(d.request('engine.status')).resolves.toMatchObject({ state: 'running' });
    await d.close();
  }, 60000);

  it('pauses a stream whose client stops acknowledging, so server memory stays bounded', async () => {
    const name = await runBusybox(['yes', 'flood flood flood flood flood flood flood flood']);
    const c = await connectTestClient(t.base, t.server.token);
    const s = c.subscribe('containers.logs', { id: name, follow: true, tail: 0, timestamps: false }, { ack: false });
    await sleep(1500);
    const heapBefore = process.memoryUsage().heapUsed;
    const batchesBefore = s.batches;
    await sleep(2500);
    expect(batchesBefore).toBe(WINDOW_BATCHES);
    expect(s.batches).toBe(WINDOW_BATCHES);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(40 * 1024 * 1024);
    // Acknowledging resumes the flow.
    for (let seq = 1; seq <= WINDOW_BATCHES; seq++) c.ws.send(JSON.stringify({ t: 'ack', id: s.id, seq }));
    await sleep(500);
    expect(s.batches).toBeGreaterThan(WINDOW_BATCHES);
    s.close();
    await c.close();
    await testEngine().docker(['rm', '-f', name]);
  }, 60000);

  it('leaves no handles or streams behind after 200 open/close cycles of logs, stats and exec', async () => {
    const name = await runBusybox(['sh', '-c', 'while :; do echo tick; sleep 0.05; done']);
    const c = await connectTestClient(t.base, t.server.token);
    // warm up: one of each, so lazily created shared things exist before the baseline
    for (const topic of ['containers.logs', 'containers.stats']) {
      const s = c.subscribe(topic, { id: name });
      await sleep(300);
      s.close();
    }
    await sleep(500);
    const baseline = handleCount();
    for (let i = 0; i < 200; i++) {
      const topic = i % 3 === 0 ? 'containers.logs' : i % 3 === 1 ? 'containers.stats' : 'containers.exec';
      const s = c.subscribe(topic, topic === 'containers.exec' ? { id: name, cols: 80, rows: 24 } : { id: name });
      if (topic === 'containers.exec') {
        const end = Date.now() + 5000;
        while (!(s.items as ExecItem[]).some((x) => x.type === 'started') && Date.now() < end) await sleep(5);
      } else await sleep(5);
      s.close();
    }
    const end = Date.now() + 15000;
    while (handleCount() > baseline && Date.now() < end) await sleep(100);
    expect(handleCount()).toBeLessThanOrEqual(baseline);
    await c.close();
  }, 120000);
});
