import { describe, expect, it, vi } from 'vitest';
import { DisposableStore, Emitter, liveListenerCount, MutableDisposable, toDisposable } from './emitter';

describe('Emitter', () => {
  it('calls every listener in the order they came, until each is disposed or called off', () => {
    const e = new Emitter<number>();
    const seen: string[] = [];
    const a = e.on((n) => seen.push(`a${n}`));
    const b = e.on((n) => seen.push(`b${n}`));
    e.emit(1);
    a.dispose();
    e.emit(2);
    b();
    e.emit(3);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
    expect(e.size).toBe(0);
  });

  it('keeps calling the others when one throws, and reports a failing listener once', () => {
    const reports: string[] = [];
    const e = new Emitter<number>({
      name: 'engine events',
      onListenerError: (err, source) => reports.push(`${source}: ${(err as Error).message}`),
    });
    const seen: number[] = [];
    e.on(() => {
      throw new Error('broken');
    });
    e.on((n) => seen.push(n));
    e.emit(1);
    e.emit(2);
    e.emit(3);
    expect(seen).toEqual([1, 2, 3]);
    expect(reports).toEqual(['engine events: broken']);
  });

  it("reports through the process's reporter by default", () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const e = new Emitter<void>({ name: 'tasks' });
      e.on(() => {
        throw new Error('nope');
      });
      e.emit();
      e.emit();
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![0]).toBe('[berth] A listener of tasks failed: nope');
    } finally {
      spy.mockRestore();
    }
  });

  it('does not call a listener another removed during the same emit', () => {
    const e = new Emitter<void>();
    const seen: string[] = [];
    let second: () => void = () => {};
    e.on(() => {
      seen.push('first');
      second();
    });
    second = e.on(() => seen.push('second'));
    e.emit();
    expect(seen).toEqual(['first']);
  });

  it('tells when the first listener arrives and the last leaves, so a source runs only while heard', () => {
    const calls: string[] = [];
    const e = new Emitter<void>({
      onFirstListener: () => calls.push('first'),
      onLastListener: () => calls.push('last'),
    });
    const a = e.on(() => {});
    const b = e.on(() => {});
    a.dispose();
    a.dispose();
    b.dispose();
    e.on(() => {});
    e.dispose();
    expect(calls).toEqual(['first', 'last', 'first', 'last']);
  });

  it('ignores listeners after dispose, and counts live listeners across the process', () => {
    const before = liveListenerCount();
    const e = new Emitter<number>();
    const seen: number[] = [];
    e.on((n) => seen.push(n));
    e.on((n) => seen.push(n));
    expect(liveListenerCount()).toBe(before + 2);
    e.dispose();
    expect(liveListenerCount()).toBe(before);
    const late = e.on((n) => seen.push(n));
    e.emit(1);
    late.dispose();
    expect(seen).toEqual([]);
    expect(liveListenerCount()).toBe(before);
  });
});

describe('DisposableStore', () => {
  it('disposes all it holds once, each failure isolated, and disposes what comes later at once', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const store = new DisposableStore();
      const done: string[] = [];
      store.add(() => done.push('fn'));
      store.add({
        dispose: () => {
          throw new Error('bad');
        },
      });
      store.add(toDisposable(() => done.push('disposable')));
      store.dispose();
      store.dispose();
      expect(done).toEqual(['fn', 'disposable']);
      expect(spy).toHaveBeenCalledTimes(1);
      store.add(() => done.push('late'));
      expect(done).toEqual(['fn', 'disposable', 'late']);
      expect(store.isDisposed).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('clear() disposes what it holds and keeps the store usable', () => {
    const store = new DisposableStore();
    const done: string[] = [];
    store.add(() => done.push('a'));
    store.clear();
    store.add(() => done.push('b'));
    expect(done).toEqual(['a']);
    store.dispose();
    expect(done).toEqual(['a', 'b']);
  });
});

describe('MutableDisposable', () => {
  it('disposes the one before when another is set, and the last on dispose', () => {
    const slot = new MutableDisposable();
    const done: string[] = [];
    slot.set(() => done.push('a'));
    slot.set(() => done.push('b'));
    expect(done).toEqual(['a']);
    slot.dispose();
    expect(done).toEqual(['a', 'b']);
  });
});
