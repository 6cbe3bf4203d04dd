// One engine event stream shared by every subscriber. Started by the first subscriber, stopped
// when the last leaves (or on close()); after a drop it reconnects with `since` set to the last
// event seen, so nothing is missed and nothing is delivered twice.
import type { IncomingMessage } from 'node:http';
import { Emitter, type Subscription } from '../../shared/emitter';
import type { BerthError } from '../../shared/errors';
import type { EngineClient } from './client';
import { toBerthError } from './errors';
import { eventSplitter, openEventStream, sinceParam, type StreamedEvent } from './events';

export type EventHubState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface EventHubOptions {
  /** First wait before reconnecting (doubles up to maxReconnectDelayMs). */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  filters?: Record<string, string[]>;
}

type Listener = (event: StreamedEvent) => void;
type StateListener = (state: EventHubState, error?: BerthError) => void;

function compareNano(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export class EventHub {
  private readonly events = new Emitter<StreamedEvent>({
    name: 'engine events',
    onLastListener: () => {
      if (this.current !== 'closed') this.stop('idle');
    },
  });
  private readonly states = new Emitter<{ state: EventHubState; error?: BerthError }>({ name: 'the events state' });
  private current: EventHubState = 'idle';
  private generation = 0;
  private res: IncomingMessage | undefined;
  private wake: (() => void) | undefined;
  private lastNano: string | undefined;
  private lastKeys = new Set<string>();
  private readonly baseDelay: number;
  private readonly maxDelay: number;
  /** How many times the stream was (re)opened; for tests and diagnostics. */
  connections = 0;

  constructor(
    private readonly client: EngineClient,
    private readonly opts: EventHubOptions = {},
  ) {
    this.baseDelay = opts.reconnectDelayMs ?? 1000;
    this.maxDelay = opts.maxReconnectDelayMs ?? 30000;
  }

  get state(): EventHubState {
    return this.current;
  }

  get subscriberCount(): number {
    return this.events.size;
  }

  /** Adds a listener; the stream starts with the first. Returns the unsubscribe function. */
  subscribe(listener: Listener): Subscription {
    if (this.current === 'closed') throw new Error('This EventHub is closed.');
    const subscription = this.events.on(listener);
    if (this.current === 'idle') this.start();
    return subscription;
  }

  /** Hears the connection state: reconnecting after a drop, connected again (a UI may refetch then). */
  onState(listener: StateListener): Subscription {
    return this.states.on(({ state, error }) => listener(state, error));
  }

  /** Stops for good: drops every subscriber and the stream. */
  close(): void {
    this.stop('closed');
    this.events.dispose();
    this.states.dispose();
  }

  /** Drops the current connection as if the engine had gone away (tests, and after an engine restart). */
  dropConnection(): void {
    this.res?.destroy();
  }

  private setState(state: EventHubState, error?: BerthError): void {
    if (this.current === state && !error) return;
    this.current = state;
    this.states.emit({ state, ...(error ? { error } : {}) });
  }

  private start(): void {
    const gen = ++this.generation;
    this.lastNano = undefined;
    this.lastKeys.clear();
    this.setState('connecting');
    void this.loop(gen);
  }

  private stop(state: 'idle' | 'closed'): void {
    this.generation++;
    this.res?.destroy();
    this.res = undefined;
    this.wake?.();
    this.setState(state);
  }

  private live(gen: number): boolean {
    return gen === this.generation;
  }

  private async loop(gen: number): Promise<void> {
    let delay = this.baseDelay;
    // Until the first event arrives, a reconnect asks for everything since we first connected.
    let connectedAt: string | undefined;
    while (this.live(gen)) {
      let error: BerthError | undefined;
      try {
        const since = this.lastNano ? sinceParam(this.lastNano) : connectedAt;
        const res = await openEventStream(this.client, {
          ...(since ? { since } : {}),
          ...(this.opts.filters ? { filters: this.opts.filters } : {}),
        });
        if (!this.live(gen)) {
          res.destroy();
          return;
        }
        this.res = res;
        this.connections++;
        connectedAt ??= (Date.now() / 1000).toFixed(3);
        this.setState('connected');
        delay = this.baseDelay;
        const splitter = eventSplitter();
        for await (const chunk of res as AsyncIterable<Buffer>) {
          if (!this.live(gen)) return;
          for (const ev of splitter.push(chunk)) this.dispatch(ev);
        }
      } catch (err) {
        if (!this.live(gen)) return;
        error = toBerthError(err, 'listen to engine events');
      }
      if (!this.live(gen)) return;
      this.res = undefined;
      this.setState('reconnecting', error);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
      delay = Math.min(delay * 2, this.maxDelay);
    }
  }

  private dispatch(ev: StreamedEvent): void {
    const key = `${ev.type}|${ev.action}|${ev.id}`;
    if (this.lastNano) {
      const c = compareNano(ev.timeNano, this.lastNano);
      if (c < 0 || (c === 0 && this.lastKeys.has(key))) return; // replayed after a reconnect
      if (c > 0) this.lastKeys.clear();
    }
    this.lastNano = ev.timeNano;
    this.lastKeys.add(key);
    this.events.emit(ev); // one subscriber's failure never starves the others
  }
}
