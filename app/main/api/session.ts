// One client's conversation over the contract, independent of the transport: frames in, frames out.
// Arguments are validated here, where they are received; nothing invalid reaches a handler.
// Each client is bounded: MAX_REQUESTS_IN_FLIGHT running requests (more wait in a bounded queue),
// MAX_SUBSCRIPTIONS open streams, and replies and stream data wait while the transport is congested.
import { z } from 'zod';
import { clientFrame, requests, subscriptions, type ClientFrame, type ServerFrame } from '../../shared/contract';
import { BerthError, isErrorInfo, type ErrorInfo } from '../../shared/errors';
import type { ApiContext } from './context';
import { engineForCall } from './call-engine';
import { noBackpressure, type Flow } from './flow';
import {
  busySentence,
  MAX_QUEUED_REQUEST_BYTES,
  MAX_QUEUED_REQUESTS,
  MAX_REQUESTS_IN_FLIGHT,
  MAX_SUBSCRIPTIONS,
  tooManyStreamsSentence,
} from './limits';
import { StreamInput } from './stream-input';
import { StreamPump } from './stream-pump';
import type { RequestHandlers, StreamSource, SubscriptionHandlers } from './types';

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export function toErrorInfo(err: unknown, what: string): ErrorInfo {
  if (err instanceof BerthError) return err.toJSON();
  if (isErrorInfo(err)) return { kind: err.kind, message: err.message, ...(err.detail ? { detail: err.detail } : {}) };
  const detail = err instanceof Error ? err.message : String(err);
  return {
    kind: 'internal',
    message: `${what} failed unexpectedly. Try again; if it keeps failing, check the engine's log.`,
    detail,
  };
}

function invalidArgs(name: string, error: z.ZodError): ErrorInfo {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || undefined;
  return {
    kind: 'invalid',
    message: `${issue?.message ?? 'Invalid input'}${field && !issue?.message.includes(field) ? ` (${field})` : ''}`,
    detail: `${name}: ${z.prettifyError(error)}`,
    ...(field ? { field } : {}),
  };
}

const cancelledError: ErrorInfo = { kind: 'internal', message: 'The request was cancelled.', detail: 'cancelled' };

interface OpenStream {
  controller: AbortController;
  pump: StreamPump;
  source?: StreamSource<unknown, unknown>;
  inputSchema?: z.ZodType;
  /** Input waiting for the source, for topics that take input. */
  input?: StreamInput<unknown>;
}

type RequestName = keyof typeof requests;

/** A request that was accepted: running, or waiting for a free slot. */
interface Call {
  id: number;
  method: RequestName;
  args: unknown;
  bytes: number;
  controller: AbortController;
  /** Its `res` went out (a cancel answers at once, while the handler still winds down). */
  answered: boolean;
}

export class Session {
  private streams = new Map<number, OpenStream>();
  private calls = new Map<number, Call>();
  private queue: Call[] = [];
  private queuedBytes = 0;
  private running = 0;
  private closed = false;

  constructor(
    private readonly api: ApiContext,
    private readonly handlers: RequestHandlers,
    private readonly streamHandlers: SubscriptionHandlers,
    private readonly send: (f: ServerFrame) => void,
    private readonly flow: Flow = noBackpressure,
  ) {}

  get openStreams(): number {
    return this.streams.size;
  }

  /** Requests running now (at most MAX_REQUESTS_IN_FLIGHT) and waiting behind them. */
  get requestsInFlight(): number {
    return this.running;
  }

  get requestsWaiting(): number {
    return this.queue.length;
  }

  /**
   * Handles one decoded frame; `bytes` is its size as received (counted against the queue's byte
   * limit). Never throws: a bad frame is answered with an error frame.
   */
  receive(raw: unknown, bytes?: number): void {
    if (this.closed) return;
    const parsed = clientFrame.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : undefined;
      const error: ErrorInfo = {
        kind: 'invalid',
        message: 'The message was not understood and was ignored.',
        detail: z.prettifyError(parsed.error),
      };
      this.send(
        id !== undefined && (raw as { t?: unknown }).t === 'req'
          ? { t: 'res', id, ok: false, error }
          : { t: 'error', error },
      );
      return;
    }
    const f = parsed.data;
    switch (f.t) {
      case 'req':
        this.request(f, bytes);
        break;
      case 'cancel':
        this.cancel(f.id);
        break;
      case 'sub':
        void this.subscribe(f);
        break;
      case 'unsub':
        this.unsubscribe(f.id);
        break;
      case 'ack':
        this.streams.get(f.id)?.pump.ack(f.seq);
        break;
      case 'in':
        this.input(f.id, f.data);
        break;
    }
  }

  /** The client has gone: every request's signal fires and every stream is cancelled. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.queuedBytes = 0;
    for (const call of this.calls.values()) call.controller.abort();
    for (const id of [...this.streams.keys()]) this.unsubscribe(id);
  }

  private request(f: Extract<ClientFrame, { t: 'req' }>, bytes: number | undefined): void {
    const refuse = (error: ErrorInfo) => this.send({ t: 'res', id: f.id, ok: false, error });
    if (this.calls.has(f.id)) return refuse({ kind: 'invalid', message: 'That request id is already in use.' });
    if (!has(requests, f.method))
      return refuse({ kind: 'invalid', message: `Berth has no request named "${f.method}".` });
    const method = f.method as RequestName;
    const args = requests[method].args.safeParse(f.args ?? {});
    if (!args.success) return refuse(invalidArgs(method, args.error));
    const call: Call = {
      id: f.id,
      method,
      args: args.data,
      bytes: 0,
      controller: new AbortController(),
      answered: false,
    };
    if (this.running < MAX_REQUESTS_IN_FLIGHT) return void this.run(call);
    call.bytes = bytes ?? JSON.stringify(f).length;
    if (this.queue.length >= MAX_QUEUED_REQUESTS || this.queuedBytes + call.bytes > MAX_QUEUED_REQUEST_BYTES)
      return refuse({ kind: 'unavailable', message: busySentence(this.queue.length) });
    this.calls.set(call.id, call);
    this.queue.push(call);
    this.queuedBytes += call.bytes;
  }

  private async run(call: Call): Promise<void> {
    this.running++;
    this.calls.set(call.id, call);
    const signal = call.controller.signal;
    let frame: ServerFrame;
    try {
      const handler = this.handlers[call.method] as (a: unknown, c: unknown) => Promise<unknown>;
      const result = await handler(call.args, { ...this.api, engine: engineForCall(this.api.engine, signal), signal });
      frame = { t: 'res', id: call.id, ok: true, result: result ?? null };
    } catch (err) {
      frame = { t: 'res', id: call.id, ok: false, error: toErrorInfo(err, call.method) };
    }
    // The slot is held until the transport has room for the reply: a client that does not read
    // its replies ends up with MAX_REQUESTS_IN_FLIGHT replies waiting here, and no more.
    while (!call.answered && !this.closed && this.flow.congested()) await this.flow.drained();
    this.answer(call, frame);
    this.calls.delete(call.id);
    this.running--;
    this.next();
  }

  private next(): void {
    while (this.running < MAX_REQUESTS_IN_FLIGHT && this.queue.length && !this.closed) {
      const call = this.queue.shift()!;
      this.queuedBytes -= call.bytes;
      void this.run(call);
    }
  }

  private answer(call: Call, frame: ServerFrame): void {
    if (call.answered || this.closed) return;
    call.answered = true;
    this.send(frame);
  }

  /** A waiting request leaves the queue; a running one's signal fires (its handler winds down in its slot). */
  private cancel(id: number): void {
    const call = this.calls.get(id);
    if (!call) return;
    call.controller.abort();
    const waiting = this.queue.indexOf(call);
    if (waiting >= 0) {
      this.queue.splice(waiting, 1);
      this.queuedBytes -= call.bytes;
      this.calls.delete(id);
    }
    this.answer(call, { t: 'res', id, ok: false, error: cancelledError });
  }

  private async subscribe(f: Extract<ClientFrame, { t: 'sub' }>): Promise<void> {
    const fail = (error: ErrorInfo) => this.send({ t: 'end', id: f.id, error });
    if (this.streams.has(f.id)) return fail({ kind: 'invalid', message: 'That subscription id is already in use.' });
    if (!has(subscriptions, f.topic))
      return fail({ kind: 'invalid', message: `Berth has no stream named "${f.topic}".` });
    if (this.streams.size >= MAX_SUBSCRIPTIONS) return fail({ kind: 'unavailable', message: tooManyStreamsSentence() });
    const topic = f.topic as keyof typeof subscriptions;
    const def = subscriptions[topic];
    const args = def.args.safeParse(f.args ?? {});
    if (!args.success) return fail(invalidArgs(topic, args.error));
    const controller = new AbortController();
    const stream: OpenStream = {
      controller,
      pump: new StreamPump(f.id, (frame) => !this.closed && this.send(frame), controller.signal, this.flow),
      ...(def.input
        ? {
            inputSchema: def.input as z.ZodType,
            input: new StreamInput<unknown>(
              (error) => !this.closed && this.send({ t: 'error', id: f.id, error }),
              (err) => toErrorInfo(err, 'Sending input'),
            ),
          }
        : {}),
    };
    this.streams.set(f.id, stream);
    try {
      const handler = this.streamHandlers[topic] as (
        a: unknown,
        c: unknown,
      ) => StreamSource<unknown, unknown> | Promise<StreamSource<unknown, unknown>>;
      stream.source = await handler(args.data, { ...this.api, signal: controller.signal });
      if (controller.signal.aborted) return;
      const take = stream.source.input?.bind(stream.source);
      if (take) stream.input?.open(take);
      await (stream.source.batches
        ? stream.pump.run(stream.source.batches, true)
        : stream.source.latest
          ? stream.pump.runLatest(stream.source.items)
          : stream.pump.run(stream.source.items));
    } catch (err) {
      if (!controller.signal.aborted && !this.closed) fail(toErrorInfo(err, topic));
    } finally {
      if (this.streams.get(f.id) === stream) this.streams.delete(f.id);
      stream.input?.close();
      controller.abort();
    }
  }

  private unsubscribe(id: number): void {
    const s = this.streams.get(id);
    if (!s) return;
    this.streams.delete(id);
    s.input?.close();
    s.controller.abort();
  }

  /** Input waits in the stream's queue until its source is ready, then goes to it in order. */
  private input(id: number, data: unknown): void {
    const s = this.streams.get(id);
    if (!s?.input || !s.inputSchema) {
      this.send({
        t: 'error',
        id,
        error: { kind: 'invalid', message: 'That stream takes no input, or it has ended.' },
      });
      return;
    }
    const parsed = s.inputSchema.safeParse(data);
    if (!parsed.success) {
      this.send({ t: 'error', id, error: invalidArgs('input', parsed.error) });
      return;
    }
    s.input.push(parsed.data);
  }
}
