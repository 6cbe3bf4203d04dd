// The session's per-client limits with numbers: requests in flight and waiting, cancel, the
// subscription cap, and replies held while the transport is congested. The handlers are small
// scripted ones (the session is the subject; no engine is involved).
import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../shared/contract';
import type { ApiContext } from './context';
import type { Flow } from './flow';
import { MAX_QUEUED_REQUEST_BYTES, MAX_QUEUED_REQUESTS, MAX_REQUESTS_IN_FLIGHT, MAX_SUBSCRIPTIONS } from './limits';
import { AsyncQueue } from './async-queue';
import { Session } from './session';
import type { RequestHandlers, SubscriptionHandlers } from './types';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const api = { engine: {}, tasks: {} } as unknown as ApiContext;

/** A list handler that waits until released, recording the signals it was given. */
function gated() {
  const signals: AbortSignal[] = [];
  let open!: () => void;
  let gate = new Promise<void>((r) => (open = r));
  const handlers = {
    'containers.list': async (_a: unknown, ctx: { signal: AbortSignal }) => {
      signals.push(ctx.signal);
      await gate;
      return [];
    },
  } as unknown as RequestHandlers;
  return {
    handlers,
    signals,
    release() {
      open();
      gate = new Promise<void>((r) => (open = r));
    },
  };
}

function session(handlers: RequestHandlers, flow?: Flow, streams = {} as SubscriptionHandlers) {
  const frames: ServerFrame[] = [];
  const s = new Session(api, handlers, streams, (f) => frames.push(f), flow);
  const answers = () => frames.filter((f): f is Extract<ServerFrame, { t: 'res' }> => f.t === 'res');
  return { s, frames, answers };
}

const list = (id: number) => ({ t: 'req', id, method: 'containers.list', args: {} });

describe('Session limits', () => {
  it(`runs at most ${MAX_REQUESTS_IN_FLIGHT} requests at once; the rest wait and all are answered`, async () => {
    const g = gated();
    const { s, answers } = session(g.handlers);
    for (let i = 1; i <= MAX_REQUESTS_IN_FLIGHT + 100; i++) s.receive(list(i));
    await tick();
    expect(g.signals).toHaveLength(MAX_REQUESTS_IN_FLIGHT);
    expect(s.requestsInFlight).toBe(MAX_REQUESTS_IN_FLIGHT);
    expect(s.requestsWaiting).toBe(100);
    for (let round = 0; round < 5 && answers().length < MAX_REQUESTS_IN_FLIGHT + 100; round++) {
      g.release();
      await tick(5);
    }
    expect(answers()).toHaveLength(MAX_REQUESTS_IN_FLIGHT + 100);
    expect(answers().every((f) => f.ok)).toBe(true);
    expect(s.requestsInFlight).toBe(0);
  });

  it(`refuses request number ${MAX_REQUESTS_IN_FLIGHT + MAX_QUEUED_REQUESTS + 1} with a sentence, not a crash`, async () => {
    const g = gated();
    const { s, answers } = session(g.handlers);
    const total = MAX_REQUESTS_IN_FLIGHT + MAX_QUEUED_REQUESTS + 1;
    for (let i = 1; i <= total; i++) s.receive(list(i));
    await tick();
    expect(s.requestsWaiting).toBe(MAX_QUEUED_REQUESTS);
    expect(answers()).toHaveLength(1);
    expect(answers()[0]).toMatchObject({
      id: total,
      ok: false,
      error: { kind: 'unavailable', message: expect.stringMatching(/^Berth is busy: .*4096 requests waiting/) },
    });
    g.release();
  });

  it(`refuses once the waiting requests' frames pass ${MAX_QUEUED_REQUEST_BYTES} bytes`, async () => {
    const g = gated();
    const { s, answers } = session(g.handlers);
    for (let i = 1; i <= MAX_REQUESTS_IN_FLIGHT; i++) s.receive(list(i));
    const third = MAX_QUEUED_REQUEST_BYTES / 3 + 1;
    s.receive(list(100), third);
    s.receive(list(101), third);
    s.receive(list(102), third);
    await tick();
    expect(s.requestsWaiting).toBe(2);
    expect(answers().map((f) => [f.id, f.ok])).toEqual([[102, false]]);
    g.release();
  });

  it('a cancel fires a running request’s signal and answers it; a waiting one never reaches its handler', async () => {
    const g = gated();
    const { s, answers } = session(g.handlers);
    for (let i = 1; i <= MAX_REQUESTS_IN_FLIGHT + 1; i++) s.receive(list(i));
    await tick();
    s.receive({ t: 'cancel', id: 1 });
    s.receive({ t: 'cancel', id: MAX_REQUESTS_IN_FLIGHT + 1 });
    expect(g.signals[0]!.aborted).toBe(true);
    expect(g.signals[1]!.aborted).toBe(false);
    expect(s.requestsWaiting).toBe(0);
    expect(answers().map((f) => [f.id, f.ok])).toEqual([
      [1, false],
      [MAX_REQUESTS_IN_FLIGHT + 1, false],
    ]);
    g.release();
    await tick(5);
    // The cancelled one is answered once; the waiting one was never started.
    expect(answers().filter((f) => f.id === 1)).toHaveLength(1);
    expect(g.signals).toHaveLength(MAX_REQUESTS_IN_FLIGHT);
  });

  it('fires every running request’s signal when the client goes', async () => {
    const g = gated();
    const { s } = session(g.handlers);
    for (let i = 1; i <= 3; i++) s.receive(list(i));
    await tick();
    s.close();
    expect(g.signals.map((x) => x.aborted)).toEqual([true, true, true]);
    g.release();
  });

  it(`refuses subscription number ${MAX_SUBSCRIPTIONS + 1} with a sentence`, async () => {
    const queues: AsyncQueue<unknown>[] = [];
    const streams = {
      'engine.events': () => {
        const q = new AsyncQueue<unknown>();
        queues.push(q);
        return { items: q };
      },
    } as unknown as SubscriptionHandlers;
    const { s, frames } = session({} as RequestHandlers, undefined, streams);
    for (let i = 1; i <= MAX_SUBSCRIPTIONS + 1; i++) s.receive({ t: 'sub', id: i, topic: 'engine.events', args: {} });
    await tick();
    expect(s.openStreams).toBe(MAX_SUBSCRIPTIONS);
    expect(frames).toEqual([
      {
        t: 'end',
        id: MAX_SUBSCRIPTIONS + 1,
        error: { kind: 'unavailable', message: expect.stringMatching(/already has 100 live views open/) },
      },
    ]);
    s.close();
  });

  it('holds a reply, and its slot, while the transport is congested', async () => {
    let congested = true;
    let drain!: () => void;
    const flow: Flow = {
      congested: () => congested,
      drained: () => new Promise<void>((r) => (drain = r)),
    };
    const g = gated();
    const { s, answers } = session(g.handlers, flow);
    s.receive(list(1));
    await tick();
    g.release();
    await tick(5);
    expect(answers()).toHaveLength(0);
    expect(s.requestsInFlight).toBe(1);
    congested = false;
    drain();
    await tick();
    expect(answers()).toHaveLength(1);
    expect(s.requestsInFlight).toBe(0);
  });
});

describe('Session input', () => {
  /** A containers.exec handler that resolves only when told to, recording the input it is given. */
  function slowExec() {
    const got: unknown[] = [];
    let ready!: () => void;
    const opened = new Promise<void>((r) => (ready = r));
    const streams = {
      'containers.exec': async () => {
        await opened;
        return { items: new AsyncQueue<unknown>(), input: (m: unknown) => void got.push(m) };
      },
    } as unknown as SubscriptionHandlers;
    return { streams, got, ready };
  }
  const key = (id: number, s: string) => ({ t: 'in', id, data: { type: 'bytes', data: new TextEncoder().encode(s) } });

  it('keeps input sent before the stream is ready and hands it over in order once it is', async () => {
    const x = slowExec();
    const { s, frames } = session({} as RequestHandlers, undefined, x.streams);
    s.receive({ t: 'sub', id: 1, topic: 'containers.exec', args: { id: 'web' } });
    s.receive(key(1, 'l'));
    s.receive(key(1, 's'));
    s.receive({ t: 'in', id: 1, data: { type: 'resize', cols: 100, rows: 30 } });
    await tick();
    expect(x.got).toEqual([]);
    x.ready();
    await tick();
    expect(x.got.map((m) => ((m as { type: string }).type === 'bytes' ? 'key' : 'resize'))).toEqual([
      'key',
      'key',
      'resize',
    ]);
    expect(frames.filter((f) => f.t === 'error')).toEqual([]);
    s.close();
  });

  it('answers input it does not take with an error naming the stream; the stream goes on', async () => {
    const x = slowExec();
    const { s, frames } = session({} as RequestHandlers, undefined, x.streams);
    s.receive({ t: 'sub', id: 1, topic: 'containers.exec', args: { id: 'web' } });
    s.receive({ t: 'in', id: 1, data: { type: 'bytes', data: 'not bytes' } });
    s.receive({ t: 'in', id: 1, data: { type: 'bytes', data: new Uint8Array(64 * 1024 + 1) } });
    s.receive(key(2, 'x'));
    const errors = frames.filter((f) => f.t === 'error');
    expect(errors).toEqual([
      {
        t: 'error',
        id: 1,
        error: expect.objectContaining({ kind: 'invalid', message: 'Terminal input is bytes. (data)' }),
      },
      {
        t: 'error',
        id: 1,
        error: expect.objectContaining({ kind: 'invalid', message: expect.stringMatching(/at most 64 KB/) }),
      },
      { t: 'error', id: 2, error: { kind: 'invalid', message: 'That stream takes no input, or it has ended.' } },
    ]);
    x.ready();
    s.receive(key(1, 'ok'));
    await tick();
    expect(x.got).toHaveLength(1);
    expect(s.openStreams).toBe(1);
    s.close();
  });
});
