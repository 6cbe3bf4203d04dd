// A forwarded connection's flow against the FAKE API server (no API server can run here), whose
// pods/portforward streams speak the kubelet's v4.channel.k8s.io: backpressure with numbers both
// ways (a client that does not read, a pod that does not read: Berth's buffers stay within their
// stated bounds, and everything arrives once they read), and a half-close (the pod's answer after
// the client's end still reaches it; a quiet half-closed connection closes after HALF_CLOSE_IDLE_MS,
// on fake timers).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortForwards } from './port-forward';
import { FROM_POD_HIGH_WATER, HALF_CLOSE_IDLE_MS, PAUSE_SLACK, TO_POD_HIGH_WATER } from './port-forward-connection';
import type { FakeKubeApiServer } from './test-support/fake-api-server';
import { fakeContexts } from './test-support/fake-contexts';
import { readyWebPod, tcpClient } from './test-support/forward-fixtures';

const startFake = fakeContexts('berth-kube-pfc-');
const forwards: PortForwards[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const f of forwards.splice(0)) await f.closeAll();
});

/** More than every socket buffer on the way can hold, so a reader that stops is felt. */
const TOTAL = 32 * 1024 * 1024;

async function forwardTo(listener: Parameters<FakeKubeApiServer['portForwards']['listen']>[3], o = {}) {
  const { fake, kc } = await startFake();
  fake.put('pods', readyWebPod('web-1'));
  fake.portForwards.listen('shop', 'web-1', 8080, listener);
  const pf = new PortForwards(o);
  forwards.push(pf);
  const f = await pf.start(kc, {
    context: 'fake',
    namespace: 'shop',
    kind: 'pod',
    name: 'web-1',
    remotePort: 8080,
    localPort: 0,
  });
  const stats = () => pf.connections(f.id)[0];
  return { fake, pf, f, stats };
}

/** Waits for a condition over turns of the event loop (setImmediate: not faked), at most `turns`. */
async function settle(cond: () => boolean, turns = 200_000): Promise<void> {
  for (let i = 0; i < turns && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error('condition not met');
}

describe('port-forward backpressure against the fake API server', () => {
  it(`a client that does not read: the stream is not read once Berth holds ${FROM_POD_HIGH_WATER} bytes for it, and all arrives once it reads`, async () => {
    const { stats, f } = await forwardTo({ type: 'flood', frame: 16 * 1024, total: TOTAL });
    const tcp = tcpClient(f.localPort);
    tcp.sock.pause();
    await vi.waitFor(() => expect(stats()?.toClient.paused).toBe(true), { timeout: 30_000, interval: 20 });
    const held = stats()!;
    expect(held.toClient.buffered).toBeGreaterThanOrEqual(FROM_POD_HIGH_WATER);
    expect(held.toClient.max).toBeLessThanOrEqual(FROM_POD_HIGH_WATER + PAUSE_SLACK);
    expect(tcp.count()).toBe(0);

    // The client reads: the stream is read again, and every byte the pod sent arrives.
    tcp.sock.resume();
    await vi.waitFor(() => expect(tcp.count()).toBe(TOTAL), { timeout: 60_000, interval: 20 });
    expect(stats()!.toClient.paused).toBe(false);
    expect(stats()!.toClient.max).toBeLessThanOrEqual(FROM_POD_HIGH_WATER + PAUSE_SLACK);
    tcp.sock.destroy();
  });

  it(`a pod that does not read: the client is not read once the stream holds ${TO_POD_HIGH_WATER} bytes unsent, and all arrives once the pod reads`, async () => {
    const { fake, stats, f } = await forwardTo({ type: 'manual' });
    const tcp = tcpClient(f.localPort);
    await vi.waitFor(() => expect(fake.portForwards.streams).toHaveLength(1));
    const pod = fake.portForwards.streams[0]!;
    pod.podSide.pause();
    // The client writes TOTAL bytes as fast as its socket takes them.
    const chunk = Buffer.alloc(64 * 1024, 0x62);
    let written = 0;
    const pump = () => {
      while (written < TOTAL) {
        written += chunk.length;
        if (!tcp.sock.write(chunk)) return void tcp.sock.once('drain', pump);
      }
    };
    pump();
    await vi.waitFor(() => expect(stats()?.toPod.paused).toBe(true), { timeout: 30_000, interval: 20 });
    const held = stats()!;
    expect(held.toPod.buffered).toBeGreaterThanOrEqual(TO_POD_HIGH_WATER);
    expect(held.toPod.max).toBeLessThanOrEqual(TO_POD_HIGH_WATER + PAUSE_SLACK);
    expect(pod.received).toBe(0);

    pod.podSide.resume();
    await vi.waitFor(() => expect(pod.received).toBe(TOTAL), { timeout: 60_000, interval: 20 });
    expect(stats()!.toPod.paused).toBe(false);
    expect(stats()!.toPod.max).toBeLessThanOrEqual(TO_POD_HIGH_WATER + PAUSE_SLACK);
    tcp.sock.destroy();
  });
});

describe('port-forward half-close against the fake API server', () => {
  it("the client ends its side: the stream stays open and the pod's answer after the end reaches the client", async () => {
    const { fake, pf, stats, f } = await forwardTo({ type: 'manual' });
    const tcp = tcpClient(f.localPort);
    tcp.sock.end('question');
    await vi.waitFor(() => expect(fake.portForwards.streams[0]?.received).toBe('question'.length));
    await vi.waitFor(() => expect(stats()?.halfClosed).toBe(true));
    const pod = fake.portForwards.streams[0]!;
    expect(pod.closed).toBe(false);

    pod.podSide.send('the answer');
    pod.podSide.close();
    await tcp.ended;
    expect(tcp.got().toString()).toBe('the answer');
    await vi.waitFor(() => expect(pf.list()[0]).toMatchObject({ open: 0, accepted: 1 }));
    expect(pf.list()[0]?.lastError).toBeUndefined();
  });

  it(`a half-closed connection the pod no longer answers closes after HALF_CLOSE_IDLE_MS (${HALF_CLOSE_IDLE_MS} ms, fake timers); the pod gets the end`, async () => {
    const { fake, pf, stats, f } = await forwardTo({ type: 'echo' });
    const tcp = tcpClient(f.localPort);
    tcp.sock.write('ping');
    await vi.waitFor(() => expect(tcp.got().toString()).toBe('ping'));
    const pod = fake.portForwards.streams[0]!;

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    tcp.sock.end();
    await settle(() => stats()?.halfClosed === true);
    vi.advanceTimersByTime(HALF_CLOSE_IDLE_MS - 1);
    await settle(() => false, 50).catch(() => undefined); // a few turns: nothing may close yet
    expect(pod.closed).toBe(false);
    expect(pf.list()[0]?.open).toBe(1);

    vi.advanceTimersByTime(1);
    await settle(() => pod.closed && pf.list()[0]?.open === 0);
    await tcp.ended;
  });
});
