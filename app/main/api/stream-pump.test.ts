import { afterEach, describe, expect, it, vi } from 'vitest';
import { BATCH_BYTES, BATCH_MS, WINDOW_BATCHES, type ServerFrame } from '../../shared/contract';
import { AsyncQueue } from './async-queue';
import { StreamPump } from './stream-pump';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('StreamPump', () => {
  it('batches items that arrive together into one frame, then ends', async () => {
    const frames: ServerFrame[] = [];
    const q = new AsyncQueue<{ text: string }>();
    const pump = new StreamPump(7, (f) => frames.push(f), new AbortController().signal);
    const done = pump.run(q);
    for (let i = 0; i < 100; i++) q.push({ text: `line ${i}` });
    await tick(40);
    q.end();
    await done;
    const data = frames.filter((f) => f.t === 'data');
    expect(data).toHaveLength(1);
    expect((data[0] as { items: unknown[] }).items).toHaveLength(100);
    expect(frames.at(-1)).toEqual({ t: 'end', id: 7 });
  });

  it('cuts batches at the size limit and stops at the window until acknowledged', async () => {
    const frames: ServerFrame[] = [];
    const big = 'x'.repeat(BATCH_BYTES / 4);
    async function* flood() {
      for (let i = 0; i < 1000; i++) yield { text: big };
    }
    const pump = new StreamPump(1, (f) => frames.push(f), new AbortController().signal);
    void pump.run(flood());
    await tick(50);
    expect(frames.filter((f) => f.t === 'data')).toHaveLength(WINDOW_BATCHES);
    expect(pump.inFlight).toBe(WINDOW_BATCHES);
    pump.ack(WINDOW_BATCHES);
    await tick(50);
    expect(frames.filter((f) => f.t === 'data')).toHaveLength(WINDOW_BATCHES * 2);
  });

  it('stops pulling and sends nothing more once aborted', async () => {
    const frames: ServerFrame[] = [];
    const ctl = new AbortController();
    const q = new AsyncQueue<number>(10_000);
    const pump = new StreamPump(1, (f) => frames.push(f), ctl.signal);
    ctl.signal.addEventListener('abort', () => q.end());
    const done = pump.run(q);
    q.push(1);
    await tick(30);
    ctl.abort();
    q.push(2);
    await done;
    expect(frames.filter((f) => f.t === 'end')).toHaveLength(0);
    expect(frames.flatMap((f) => (f.t === 'data' ? f.items : []))).toEqual([1]);
  });
});

describe('StreamPump backpressure', () => {
  it('sends the last batch held by a full window once acknowledged, while the source waits for more', async () => {
    const frames: ServerFrame[] = [];
    const big = 'x'.repeat(BATCH_BYTES / 2);
    const q = new AsyncQueue<{ text: string }>();
    const pump = new StreamPump(1, (f) => frames.push(f), new AbortController().signal);
    void pump.run(q);
    for (let i = 0; i < WINDOW_BATCHES * 2; i++) q.push({ text: big });
    await tick(50);
    q.push({ text: 'the last line' });
    await tick(50);
    expect(frames.filter((f) => f.t === 'data')).toHaveLength(WINDOW_BATCHES);
    // Acknowledge everything; the source stays open (a followed log), so only the ack can flush.
    for (let round = 0; round < 3; round++) {
      pump.ack(frames.filter((f) => f.t === 'data').length);
      await tick(30);
    }
    const items = frames.flatMap((f) => (f.t === 'data' ? (f.items as { text: string }[]) : []));
    expect(items.at(-1)).toEqual({ text: 'the last line' });
    q.end();
  });

  it('sends nothing while the transport is congested, even when the client acknowledges blindly', async () => {
    const frames: ServerFrame[] = [];
    let congested = false;
    let drain: (() => void) | undefined;
    const flow = {
      congested: () => congested,
      drained: () => new Promise<void>((r) => (drain = r)),
    };
    let pulled = 0;
    async function* flood() {
      for (;;) {
        pulled++;
        yield { data: 'x'.repeat(1024) };
      }
    }
    const ctl = new AbortController();
    const pump = new StreamPump(1, (f) => frames.push(f), ctl.signal, flow);
    void pump.run(flood());
    await tick(20);
    congested = true;
    const sent = frames.length;
    for (let seq = 1; seq <= 1000; seq++) pump.ack(seq);
    await tick(50);
    const pulledWhileCongested = pulled;
    for (let seq = 1; seq <= 1000; seq++) pump.ack(seq);
    await tick(50);
    expect(frames.length - sent).toBeLessThanOrEqual(1);
    // It stopped pulling too: at most one batch's worth of items waits in the pump.
    expect(pulled - pulledWhileCongested).toBeLessThanOrEqual(BATCH_BYTES / 1024 + 1);
    congested = false;
    drain?.();
    await tick(20);
    expect(frames.length).toBeGreaterThan(sent + 1);
    ctl.abort();
  });
});

describe('AsyncQueue', () => {
  it('ends the stream with a sentence when a consumer falls too far behind', async () => {
    const q = new AsyncQueue<number>(3);
    for (let i = 0; i < 5; i++) q.push(i);
    await expect(q[Symbol.asyncIterator]().next()).rejects.toThrow(/fell too far behind/);
  });
});

describe('StreamPump latency', () => {
  // The clock is faked (timers and performance.now), so this checks the rule, not the machine's speed.
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first item after a quiet spell at once, and batches what follows within the window', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] });
    await vi.advanceTimersByTimeAsync(10 * BATCH_MS); // a quiet spell before the first item
    const frames: { at: number; n: number }[] = [];
    const q = new AsyncQueue<{ data: string }>();
    const t0 = performance.now();
    const pump = new StreamPump(
      1,
      (f) => f.t === 'data' && frames.push({ at: performance.now() - t0, n: f.items.length }),
      new AbortController().signal,
    );
    void pump.run(q);
    q.push({ data: 'a' });
    await vi.advanceTimersByTimeAsync(0);
    expect(frames).toEqual([{ at: 0, n: 1 }]);
    for (let i = 0; i < 10; i++) q.push({ data: 'b' });
    await vi.advanceTimersByTimeAsync(BATCH_MS - 1);
    expect(frames).toHaveLength(1); // held for the window
    await vi.advanceTimersByTimeAsync(1);
    expect(frames).toEqual([
      { at: 0, n: 1 },
      { at: BATCH_MS, n: 10 },
    ]);
    q.end();
  });
});
