// The renderer client over a scripted transport (the transport interface is ours; no engine involved).
import { describe, expect, it } from 'vitest';
import type { ClientFrame, ServerFrame } from '../../../shared/contract';
import { BerthClient, CallError } from './client';
import type { ConnectionState, Transport } from './transport';

function scripted() {
  const sent: ClientFrame[] = [];
  let onFrame: (f: ServerFrame) => void = () => {};
  let onState: (s: ConnectionState) => void = () => {};
  const t: Transport & { state: ConnectionState } = {
    state: 'open',
    send: (f) => void sent.push(f),
    onFrame: (l) => void (onFrame = l),
    onState: (l) => void (onState = l),
  };
  return {
    t,
    sent,
    deliver: (f: ServerFrame) => onFrame(f),
    setState: (s: ConnectionState) => {
      t.state = s;
      onState(s);
    },
  };
}

describe('BerthClient', () => {
  it('resolves requests and turns error frames into CallErrors with the sentence', async () => {
    const s = scripted();
    const c = new BerthClient(s.t);
    const p = c.request('containers.list', { all: true });
    const q = c.request('containers.start', { id: 'web' });
    const [r1, r2] = s.sent as Extract<ClientFrame, { t: 'req' }>[];
    expect(r1).toMatchObject({ t: 'req', method: 'containers.list', args: { all: true } });
    s.deliver({ t: 'res', id: r1!.id, ok: true, result: [] });
    s.deliver({
      t: 'res',
      id: r2!.id,
      ok: false,
      error: { kind: 'not-found', message: 'Could not start container "web": it does not exist.' },
    });
    await expect(p).resolves.toEqual([]);
    const err = await q.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallError);
    expect(err).toMatchObject({ kind: 'not-found', message: /does not exist/ });
  });

  it('acknowledges each batch after handing it over, and unsubscribes on close', () => {
    const s = scripted();
    const c = new BerthClient(s.t);
    const got: unknown[] = [];
    const h = c.subscribe(
      'engine.events',
      {},
      {
        onData: (items) => {
          got.push(...items);
        },
      },
    );
    const sub = s.sent[0] as Extract<ClientFrame, { t: 'sub' }>;
    s.deliver({ t: 'data', id: sub.id, seq: 1, items: [1, 2] });
    s.deliver({ t: 'data', id: sub.id, seq: 2, items: [3] });
    expect(got).toEqual([1, 2, 3]);
    expect(s.sent.filter((f) => f.t === 'ack')).toEqual([
      { t: 'ack', id: sub.id, seq: 1 },
      { t: 'ack', id: sub.id, seq: 2 },
    ]);
    h.close();
    expect(s.sent.at(-1)).toEqual({ t: 'unsub', id: sub.id });
    s.deliver({ t: 'data', id: sub.id, seq: 3, items: [4] });
    expect(got).toEqual([1, 2, 3]);
  });

  it('holds the acknowledgement while the onData promise is pending (flow control)', async () => {
    const s = scripted();
    const c = new BerthClient(s.t);
    let release!: () => void;
    c.subscribe('containers.exec', { id: 'web' }, { onData: () => new Promise<void>((r) => (release = r)) });
    const sub = s.sent[0] as Extract<ClientFrame, { t: 'sub' }>;
    s.deliver({ t: 'data', id: sub.id, seq: 1, items: [{ type: 'bytes', data: new Uint8Array([120]) }] });
    await Promise.resolve();
    expect(s.sent.some((f) => f.t === 'ack')).toBe(false);
    release();
    await Promise.resolve();
    await Promise.resolve();
    expect(s.sent.filter((f) => f.t === 'ack')).toEqual([{ t: 'ack', id: sub.id, seq: 1 }]);
  });

  it('fails pending requests when the connection drops and resubscribes streams when it is back', async () => {
    const s = scripted();
    const c = new BerthClient(s.t);
    const pending = c.request('engine.status');
    let restarts = 0;
    c.subscribe('containers.logs', { id: 'web' }, { onData: () => {}, onRestart: () => restarts++ });
    s.setState('reconnecting');
    await expect(pending).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(c.request('engine.status')).rejects.toMatchObject({ kind: 'unavailable' });
    s.sent.length = 0;
    s.setState('open');
    expect(restarts).toBe(1);
    expect(s.sent).toEqual([{ t: 'sub', id: expect.any(Number), topic: 'containers.logs', args: { id: 'web' } }]);
  });

  it('gives a request up when its signal fires: a cancel frame goes out and the promise rejects', async () => {
    const s = scripted();
    const c = new BerthClient(s.t);
    const ctl = new AbortController();
    const p = c.request('containers.list', { all: true }, { signal: ctl.signal });
    const req = s.sent[0] as Extract<ClientFrame, { t: 'req' }>;
    ctl.abort();
    expect(s.sent[1]).toEqual({ t: 'cancel', id: req.id });
    await expect(p).rejects.toMatchObject({ message: 'The request was cancelled.' });
    // A late answer is ignored; an already aborted signal sends nothing at all.
    s.deliver({ t: 'res', id: req.id, ok: true, result: [] });
    await expect(c.request('containers.list', {}, { signal: ctl.signal })).rejects.toBeInstanceOf(CallError);
    expect(s.sent).toHaveLength(2);
  });

  it('hands a result that crossed the cancel to onLateResult, once, and drops the cancel’s own answer', async () => {
    const s = scripted();
    const c = new BerthClient(s.t);
    const late: unknown[] = [];
    const crossed = new AbortController();
    const p = c.request('kube.portForward.list', {}, { signal: crossed.signal, onLateResult: (r) => late.push(r) });
    const first = s.sent[0] as Extract<ClientFrame, { t: 'req' }>;
    crossed.abort();
    await expect(p).rejects.toMatchObject({ message: 'The request was cancelled.' });
    // The server had answered before the cancel reached it: its result arrives after all.
    s.deliver({ t: 'res', id: first.id, ok: true, result: ['made'] });
    s.deliver({ t: 'res', id: first.id, ok: true, result: ['again'] });
    expect(late).toEqual([['made']]);
    // The cancel came first: the server's "cancelled" answer is dropped, nothing is handed over.
    const beaten = new AbortController();
    const q = c.request('kube.portForward.list', {}, { signal: beaten.signal, onLateResult: (r) => late.push(r) });
    const second = s.sent.at(-1) as Extract<ClientFrame, { t: 'req' }>;
    beaten.abort();
    await expect(q).rejects.toMatchObject({ message: 'The request was cancelled.' });
    s.deliver({
      t: 'res',
      id: second.id,
      ok: false,
      error: { kind: 'internal', message: 'The request was cancelled.' },
    });
    expect(late).toEqual([['made']]);
  });

  it('sends no cancel for a request already answered', async () => {
    const s = scripted();
    const c = new BerthClient(s.t);
    const ctl = new AbortController();
    const p = c.request('engine.status', {}, { signal: ctl.signal });
    s.deliver({ t: 'res', id: (s.sent[0] as { id: number }).id, ok: true, result: { state: 'running' } });
    await p;
    ctl.abort();
    expect(s.sent.map((f) => f.t)).toEqual(['req']);
  });

  it('fails waiting requests with a sentence when the page is signed out', async () => {
    const s = scripted();
    const c = new BerthClient(s.t);
    const p = c.request('containers.list', {});
    s.setState('signed-out');
    await expect(p).rejects.toMatchObject({ kind: 'unavailable', message: /sign in again/ });
  });
});
