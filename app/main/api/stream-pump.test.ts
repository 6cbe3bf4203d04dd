import { afterEach, describe, expect, it, vi } from 'vitest';
import { BATCH_BYTES, BATCH_MS, WINDOW_BATCHES, type ServerFrame } from '../../shared/contract';
import { AsyncQueue } from './async-queue';
import { LatestQueue } from './latest-queue';
import { joinBytes, StreamPump } from './stream-pump';

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

describe('StreamPump with bytes', () => {
  const b = (s: string, stderr = false) => ({
    type: 'bytes' as const,
    data: new TextEncoder().encode(s),
    ...(stderr ? { stderr: true as const } : {}),
  });
  const dataFrames = (frames: ServerFrame[]) =>
    frames.filter((f): f is Extract<ServerFrame, { t: 'data' }> => f.t === 'data');

  it('never mixes bytes with other items in a batch, keeps their order, and joins neighbours of a channel', async () => {
    const frames: ServerFrame[] = [];
    const q = new AsyncQueue<unknown>();
    const pump = new StreamPump(3, (f) => frames.push(f), new AbortController().signal);
    const done = pump.run(q);
    q.push({ type: 'started', shell: 'sh' });
    q.push(b('he'));
    q.push(b('llo'));
    q.push(b('oops', true));
    q.push(b('!'));
    q.push({ type: 'exit', exitCode: 0 });
    q.end();
    await done;
    const batches = dataFrames(frames).map((f) => f.items);
    expect(batches).toHaveLength(3);
    expect(batches[0]).toEqual([{ type: 'started', shell: 'sh' }]);
    expect(batches[1]).toEqual([b('hello'), b('oops', true), b('!')]);
    expect(batches[2]).toEqual([{ type: 'exit', exitCode: 0 }]);
    expect(frames.at(-1)).toEqual({ t: 'end', id: 3 });
  });

  it('counts bytes against the batch size and stops at the window until acknowledged', async () => {
    const frames: ServerFrame[] = [];
    async function* flood() {
      for (let i = 0; i < 1000; i++) yield { type: 'bytes', data: new Uint8Array(BATCH_BYTES / 4) };
    }
    const pump = new StreamPump(1, (f) => frames.push(f), new AbortController().signal);
    void pump.run(flood());
    await tick(50);
    const sent = dataFrames(frames);
    expect(sent).toHaveLength(WINDOW_BATCHES);
    for (const f of sent) {
      const size = f.items.reduce((n: number, i) => n + (i as { data: Uint8Array }).data.length, 0);
      expect(size).toBeLessThanOrEqual(BATCH_BYTES + BATCH_BYTES / 4);
      expect(f.items).toHaveLength(1); // joined into one item
    }
    pump.ack(WINDOW_BATCHES);
    await tick(50);
    expect(dataFrames(frames)).toHaveLength(WINDOW_BATCHES * 2);
  });

  it('sends no bytes while the transport is congested, like any other batch', async () => {
    const frames: ServerFrame[] = [];
    let congested = true;
    let drain: (() => void) | undefined;
    const flow = { congested: () => congested, drained: () => new Promise<void>((r) => (drain = r)) };
    const q = new AsyncQueue<unknown>();
    const pump = new StreamPump(1, (f) => frames.push(f), new AbortController().signal, flow);
    void pump.run(q);
    q.push(b('held'));
    await tick(40);
    expect(dataFrames(frames)).toHaveLength(0);
    congested = false;
    drain?.();
    await tick(20);
    expect(dataFrames(frames).map((f) => f.items)).toEqual([[b('held')]]);
    q.end();
  });

  it('joins neighbouring bytes of one channel into one copy, and leaves a lone item as it is', () => {
    const lone = b('x');
    expect(joinBytes([lone])[0]).toBe(lone);
    expect(joinBytes([b('a'), b('b'), b('c', true), b('d', true), b('e')])).toEqual([b('ab'), b('cd', true), b('e')]);
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

describe('StreamPump latest-only (whole states, e.g. the port-forward list)', () => {
  it('1000 changes while the client does not acknowledge: it gets 2 states in all, the last the current one', async () => {
    const frames: ServerFrame[] = [];
    const q = new LatestQueue<number>();
    const pump = new StreamPump(3, (f) => frames.push(f), new AbortController().signal);
    const done = pump.runLatest(q);
    const data = () => frames.flatMap((f) => (f.t === 'data' ? [f] : []));
    q.push(0); // the state when the view opened
    await vi.waitFor(() => expect(data()).toHaveLength(1));
    for (let i = 1; i <= 1000; i++) {
      q.push(i);
      if (i % 100 === 0) await tick(); // changes over time, not only in one turn
    }
    expect(data()).toHaveLength(1); // one frame in flight: nothing more until it is acknowledged
    pump.ack(1);
    await vi.waitFor(() => expect(data()).toHaveLength(2));
    expect(data().map((f) => f.items)).toEqual([[0], [1000]]);
    // The next change goes out at once once acknowledged; the end follows the source's end (after
    // the last state is acknowledged, as every client does).
    pump.ack(2);
    q.push(1001);
    await vi.waitFor(() => expect(data()).toHaveLength(3));
    expect(data()[2]!.items).toEqual([1001]);
    q.end();
    pump.ack(3);
    await done;
    expect(frames.at(-1)).toEqual({ t: 'end', id: 3 });
  });

  it('the queue holds one state: a consumer that was not pulling gets only the newest', async () => {
    const q = new LatestQueue<number>();
    for (let i = 1; i <= 1000; i++) q.push(i);
    const it = q[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ value: 1000, done: false });
    q.end();
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });
});
