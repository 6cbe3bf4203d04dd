// One client's conversation over the contract, independent of the transport: frames in, frames out.
// Arguments are validated here, where they are received; nothing invalid reaches a handler.
import { z } from 'zod';
import { clientFrame, requests, subscriptions, type ClientFrame, type ServerFrame } from '../../shared/contract';
import { BerthError, isErrorInfo, type ErrorInfo } from '../../shared/errors';
import type { ApiContext } from './context';
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

interface OpenStream {
  controller: AbortController;
  pump: StreamPump;
  source?: StreamSource<unknown, unknown>;
  inputSchema?: z.ZodType;
}

export class Session {
  private streams = new Map<number, OpenStream>();
  private closed = false;

  constructor(
    private readonly api: ApiContext,
    private readonly handlers: RequestHandlers,
    private readonly streamHandlers: SubscriptionHandlers,
    private readonly send: (f: ServerFrame) => void,
  ) {}

  get openStreams(): number {
    return this.streams.size;
  }

  /** Handles one decoded frame. Never throws: a bad frame is answered with an error frame. */
  receive(raw: unknown): void {
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
        void this.request(f);
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

  /** Cancels every stream (the window or socket closed). */
  close(): void {
    this.closed = true;
    for (const id of [...this.streams.keys()]) this.unsubscribe(id);
  }

  private async request(f: Extract<ClientFrame, { t: 'req' }>): Promise<void> {
    const reply = (r: { ok: true; result: unknown } | { ok: false; error: ErrorInfo }) => {
      if (!this.closed) this.send({ t: 'res', id: f.id, ...r });
    };
    if (!has(requests, f.method)) {
      return reply({ ok: false, error: { kind: 'invalid', message: `Berth has no request named "${f.method}".` } });
    }
    const method = f.method as keyof typeof requests;
    const args = requests[method].args.safeParse(f.args ?? {});
    if (!args.success) return reply({ ok: false, error: invalidArgs(method, args.error) });
    try {
      const handler = this.handlers[method] as (a: unknown, c: unknown) => Promise<unknown>;
      const result = await handler(args.data, { ...this.api, signal: new AbortController().signal });
      reply({ ok: true, result: result ?? null });
    } catch (err) {
      reply({ ok: false, error: toErrorInfo(err, method) });
    }
  }

  private async subscribe(f: Extract<ClientFrame, { t: 'sub' }>): Promise<void> {
    const fail = (error: ErrorInfo) => this.send({ t: 'end', id: f.id, error });
    if (this.streams.has(f.id)) return fail({ kind: 'invalid', message: 'That subscription id is already in use.' });
    if (!has(subscriptions, f.topic))
      return fail({ kind: 'invalid', message: `Berth has no stream named "${f.topic}".` });
    const topic = f.topic as keyof typeof subscriptions;
    const def = subscriptions[topic];
    const args = def.args.safeParse(f.args ?? {});
    if (!args.success) return fail(invalidArgs(topic, args.error));
    const controller = new AbortController();
    const stream: OpenStream = {
      controller,
      pump: new StreamPump(f.id, (frame) => !this.closed && this.send(frame), controller.signal),
      ...(def.input ? { inputSchema: def.input as z.ZodType } : {}),
    };
    this.streams.set(f.id, stream);
    try {
      const handler = this.streamHandlers[topic] as (
        a: unknown,
        c: unknown,
      ) => StreamSource<unknown, unknown> | Promise<StreamSource<unknown, unknown>>;
      stream.source = await handler(args.data, { ...this.api, signal: controller.signal });
      if (controller.signal.aborted) return;
      await (stream.source.batches
        ? stream.pump.run(stream.source.batches, true)
        : stream.pump.run(stream.source.items));
    } catch (err) {
      if (!controller.signal.aborted && !this.closed) fail(toErrorInfo(err, topic));
    } finally {
      if (this.streams.get(f.id) === stream) this.streams.delete(f.id);
      controller.abort();
    }
  }

  private unsubscribe(id: number): void {
    const s = this.streams.get(id);
    if (!s) return;
    this.streams.delete(id);
    s.controller.abort();
  }

  private input(id: number, data: unknown): void {
    const s = this.streams.get(id);
    if (!s?.source?.input || !s.inputSchema) {
      this.send({ t: 'error', error: { kind: 'invalid', message: 'That stream takes no input, or it has ended.' } });
      return;
    }
    const parsed = s.inputSchema.safeParse(data);
    if (!parsed.success) {
      this.send({ t: 'error', error: invalidArgs('input', parsed.error) });
      return;
    }
    Promise.resolve(s.source.input(parsed.data)).catch((err: unknown) =>
      this.send({ t: 'error', error: toErrorInfo(err, 'Sending input') }),
    );
  }
}
