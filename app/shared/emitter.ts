// One typed event source for every listener set in Berth (engine, main and the renderer's api):
// `on` returns a Subscription, `emit` calls every listener in the order they came, and one listener
// that throws never stops the others; its failure is reported once (the first time), not each time.
// No Node and no DOM: every layer may use it.

/** Something that holds a resource until it is disposed (a listener, a watcher, a stream). */
export interface Disposable {
  dispose(): void;
}

/** What `on` returns: dispose it, or call it, to stop listening. Doing so twice is harmless. */
export type Subscription = Disposable & (() => void);

/** A Subscription that runs `release` the first time it is disposed or called. */
export function toDisposable(release: () => void): Subscription {
  let done = false;
  const off = () => {
    if (done) return;
    done = true;
    release();
  };
  return Object.assign(off, { dispose: off });
}

export type ListenerErrorReporter = (error: unknown, source: string) => void;

/** By default a failing listener is reported on the console (stderr in Node, where Berth logs). */
const reportListenerError: ListenerErrorReporter = (error, source) =>
  console.error(`[berth] A listener of ${source} failed: ${error instanceof Error ? error.message : String(error)}`);

let liveListeners = 0;

/** How many listeners are attached to all emitters of this process (tests count leaks with it). */
export function liveListenerCount(): number {
  return liveListeners;
}

export interface EmitterOptions {
  /** What the emitter is, for the report of a failing listener ("engine events"). */
  name?: string;
  /** Replaces the console report for this emitter. */
  onListenerError?: ListenerErrorReporter;
  /** The first listener arrived: start the source. */
  onFirstListener?(): void;
  /** The last listener left (or the emitter was disposed): stop the source. */
  onLastListener?(): void;
}

interface Entry<T> {
  listener: (value: T) => void;
  live: boolean;
  reported: boolean;
}

export class Emitter<T> implements Disposable {
  private readonly entries = new Set<Entry<T>>();
  private disposed = false;

  constructor(private readonly opts: EmitterOptions = {}) {}

  get size(): number {
    return this.entries.size;
  }

  /** Adds a listener. On a disposed emitter it is never called (and the subscription does nothing). */
  on(listener: (value: T) => void): Subscription {
    if (this.disposed) return toDisposable(() => {});
    const entry: Entry<T> = { listener, live: true, reported: false };
    this.entries.add(entry);
    liveListeners++;
    if (this.entries.size === 1) this.opts.onFirstListener?.();
    return toDisposable(() => this.remove(entry));
  }

  /** Calls every listener present now; one removed meanwhile by another is not called. */
  emit(value: T): void {
    if (this.entries.size === 0) return;
    for (const entry of [...this.entries]) {
      if (!entry.live) continue;
      try {
        entry.listener(value);
      } catch (error) {
        if (entry.reported) continue;
        entry.reported = true;
        (this.opts.onListenerError ?? reportListenerError)(error, this.opts.name ?? 'an event');
      }
    }
  }

  /** Drops every listener; later `on` calls are ignored. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const had = this.entries.size > 0;
    for (const entry of this.entries) entry.live = false;
    liveListeners -= this.entries.size;
    this.entries.clear();
    if (had) this.opts.onLastListener?.();
  }

  private remove(entry: Entry<T>): void {
    if (!entry.live) return;
    entry.live = false;
    this.entries.delete(entry);
    liveListeners--;
    if (this.entries.size === 0) this.opts.onLastListener?.();
  }
}

/** Disposes a group together (a view's subscriptions, a binding's watchers), each failure isolated. */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Keeps `item` until the store is disposed; into a disposed store it is disposed at once. */
  add<D extends Disposable | (() => void)>(item: D): D {
    const d = asDisposable(item);
    if (this.disposed) disposeQuietly(d);
    else this.items.add(d);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }

  /** Disposes what it holds and stays usable. */
  clear(): void {
    const items = [...this.items];
    this.items.clear();
    for (const d of items) disposeQuietly(d);
  }
}

/** Holds one disposable at a time: setting another disposes the one before. */
export class MutableDisposable implements Disposable {
  private current: Disposable | undefined;

  set(next: Disposable | (() => void) | undefined): void {
    const previous = this.current;
    this.current = next === undefined ? undefined : asDisposable(next);
    if (previous && previous !== this.current) disposeQuietly(previous);
  }

  dispose(): void {
    this.set(undefined);
  }
}

/** A release function as a Disposable (a Subscription is both already). */
function asDisposable(item: Disposable | (() => void)): Disposable {
  return 'dispose' in item ? item : toDisposable(item);
}

function disposeQuietly(d: Disposable): void {
  try {
    d.dispose();
  } catch (error) {
    reportListenerError(error, 'a disposal');
  }
}
