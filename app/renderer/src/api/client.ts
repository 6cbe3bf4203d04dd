// The renderer's only door to Berth: typed request() and subscribe() over whichever transport.
import type {
  RequestArgs,
  RequestName,
  RequestResult,
  ServerFrame,
  SubscriptionArgs,
  SubscriptionData,
  SubscriptionInput,
  SubscriptionName,
} from '../../../shared/contract';
import { Emitter, type Subscription } from '../../../shared/emitter';
import type { ErrorInfo } from '../../../shared/errors';
import type { ConnectionState, Transport } from './transport';

/** A failed call, carrying the contract's error (kind, sentence, detail). */
export class CallError extends Error implements ErrorInfo {
  readonly kind: ErrorInfo['kind'];
  readonly detail?: string;
  readonly field?: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.kind = info.kind;
    if (info.detail) this.detail = info.detail;
    if (info.field) this.field = info.field;
  }
}

export interface StreamCallbacks<D> {
  /**
   * A batch of items, in order. Return a promise to hold the acknowledgement until it settles:
   * the server pauses the stream meanwhile (flow control for slow consumers such as a terminal).
   */
  onData(items: D[]): void | Promise<void>;
  /** The stream ended (error set if it failed). Not called after close(). */
  onEnd?(error?: ErrorInfo): void;
  /** The connection dropped and the stream was opened again; views that accumulate should reset. */
  onRestart?(): void;
  /** An input to this stream was not taken (invalid, or too much already waiting); the stream goes on. */
  onInputError?(error: ErrorInfo): void;
}

export interface StreamHandle<I> {
  input(msg: I): void;
  close(): void;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export interface CallOptions {
  /** Aborting gives the request up: the server is told (a `cancel` frame) and stops its work. */
  signal?: AbortSignal;
  /**
   * The result of a request given up whose answer crossed the cancel (the server had finished): a
   * request that makes something undoes it here. The server answers every request once, so this is
   * called at most once, and never when the cancel came first.
   */
  onLateResult?(result: unknown): void;
}

/** The rejection of a request given up through its signal. */
function cancelled(): CallError {
  return new CallError({ kind: 'internal', message: 'The request was cancelled.', detail: 'cancelled' });
}

interface OpenSub {
  topic: string;
  args: unknown;
  cb: StreamCallbacks<unknown>;
}

export class BerthClient {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private subs = new Map<number, OpenSub>();
  private readonly connectionChanges = new Emitter<ConnectionState>({ name: 'the connection' });
  private wasDown = false;

  constructor(private readonly transport: Transport) {
    transport.onFrame((f) => this.onFrame(f));
    transport.onState((s) => this.onState(s));
  }

  get connection(): ConnectionState {
    return this.transport.state;
  }

  onConnection(listener: (s: ConnectionState) => void): Subscription {
    return this.connectionChanges.on(listener);
  }

  request<M extends RequestName>(
    method: M,
    ...rest: Record<string, never> extends RequestArgs<M>
      ? [args?: RequestArgs<M>, opts?: CallOptions]
      : [args: RequestArgs<M>, opts?: CallOptions]
  ): Promise<RequestResult<M>> {
    const id = this.nextId++;
    const signal = rest[1]?.signal;
    const late = rest[1]?.onLateResult;
    if (this.transport.state === 'reconnecting' || this.transport.state === 'signed-out')
      return Promise.reject(
        new CallError({ kind: 'unavailable', message: 'Berth is reconnecting. Try again in a moment.' }),
      );
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        // The one answer still to come: the cancel's own (dropped), or a result that crossed it.
        if (late) this.pending.set(id, { resolve: (v) => late(v), reject: () => undefined });
        this.transport.send({ t: 'cancel', id });
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settled = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (v) => {
          settled();
          (resolve as (v: unknown) => void)(v);
        },
        reject: (e) => {
          settled();
          reject(e);
        },
      });
      this.transport.send({ t: 'req', id, method, args: rest[0] ?? {} });
    });
  }

  subscribe<T extends SubscriptionName>(
    topic: T,
    args: SubscriptionArgs<T>,
    cb: StreamCallbacks<SubscriptionData<T>>,
  ): StreamHandle<SubscriptionInput<T>> {
    let id = this.nextId++;
    const sub: OpenSub = { topic, args, cb: cb as StreamCallbacks<unknown> };
    this.subs.set(id, sub);
    if (this.transport.state !== 'reconnecting') this.transport.send({ t: 'sub', id, topic, args });
    return {
      input: (msg) => {
        this.transport.send({ t: 'in', id: this.idOf(sub) ?? id, data: msg });
      },
      close: () => {
        const current = this.idOf(sub);
        if (current === undefined) return;
        this.subs.delete(current);
        this.transport.send({ t: 'unsub', id: current });
        id = -1;
      },
    };
  }

  private idOf(sub: OpenSub): number | undefined {
    for (const [id, s] of this.subs) if (s === sub) return id;
    return undefined;
  }

  private onFrame(f: ServerFrame): void {
    switch (f.t) {
      case 'res': {
        const p = this.pending.get(f.id);
        if (!p) return;
        this.pending.delete(f.id);
        if (f.ok) p.resolve(f.result);
        else p.reject(new CallError(f.error));
        return;
      }
      case 'data': {
        const s = this.subs.get(f.id);
        if (!s) return;
        const ack = () => {
          if (this.subs.get(f.id) === s) this.transport.send({ t: 'ack', id: f.id, seq: f.seq });
        };
        const held = s.cb.onData(f.items);
        if (held) held.then(ack, ack);
        else ack();
        return;
      }
      case 'end': {
        const s = this.subs.get(f.id);
        if (!s) return;
        this.subs.delete(f.id);
        s.cb.onEnd?.(f.error);
        return;
      }
      case 'error': {
        const s = f.id !== undefined ? this.subs.get(f.id) : undefined;
        if (s?.cb.onInputError) s.cb.onInputError(f.error);
        else console.warn('Berth:', f.error.message);
      }
    }
  }

  private onState(s: ConnectionState): void {
    if (s === 'reconnecting' || s === 'signed-out') {
      const error = new CallError({
        kind: 'unavailable',
        message:
          s === 'reconnecting'
            ? 'Lost the connection to Berth. Reconnecting — try again in a moment.'
            : 'Berth no longer accepts this page: sign in again with the address `berth serve` printed.',
      });
      const pending = [...this.pending.values()];
      this.pending.clear();
      for (const p of pending) p.reject(error);
    }
    if (s === 'open' && this.wasDown) {
      // Streams of the previous connection are gone on the server: open them again under new ids.
      const old = [...this.subs.values()];
      this.subs.clear();
      for (const sub of old) {
        const id = this.nextId++;
        this.subs.set(id, sub);
        sub.cb.onRestart?.();
        this.transport.send({ t: 'sub', id, topic: sub.topic, args: sub.args });
      }
    }
    this.wasDown = s === 'reconnecting' || s === 'signed-out';
    this.connectionChanges.emit(s);
  }
}
