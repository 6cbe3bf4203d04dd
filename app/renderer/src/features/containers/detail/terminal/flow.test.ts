import { describe, expect, it } from 'vitest';
import { OutputPump, type Writer } from './flow';

/** A fake xterm: records writes; parse() completes the oldest pending writes. */
function fakeTerm() {
  const waiting: { data: Uint8Array | string; done: () => void }[] = [];
  const written: (Uint8Array | string)[] = [];
  const writer: Writer = {
    write(data, done) {
      written.push(data);
      waiting.push({ data, done });
    },
  };
  return {
    writer,
    written,
    parse(n = Infinity) {
      for (let i = 0; i < n && waiting.length; i++) waiting.shift()!.done();
    },
    waitingCount: () => waiting.length,
  };
}

const bytes = (n: number) => new Uint8Array(n).fill(121);
const opts = { high: 100, low: 10, maxQueue: 1000 };

describe('OutputPump', () => {
  it('passes small output straight to xterm', () => {
    const t = fakeTerm();
    const p = new OutputPump(t.writer, opts);
    p.push(bytes(30));
    p.push(bytes(30));
    expect(t.written.length).toBe(2);
    expect(p.pending).toBe(60);
    t.parse();
    expect(p.pending).toBe(0);
  });
  it('stops feeding above the high watermark and resumes below the low one', () => {
    const t = fakeTerm();
    const p = new OutputPump(t.writer, opts);
    for (let i = 0; i < 10; i++) p.push(bytes(40));
    expect(p.pending).toBe(120);
    expect(p.queued).toBe(280);
    t.parse(1); // 80 pending: still above low, stay paused
    expect(t.written.length).toBe(3);
    t.parse(2); // 0 pending: resume
    expect(p.pending).toBeGreaterThan(0);
    expect(p.queued).toBeLessThan(280);
    t.parse(100);
    t.parse(100);
    t.parse(100);
    expect(p.queued).toBe(0);
  });
  it('drops what is queued on Ctrl-C and says so', () => {
    const t = fakeTerm();
    const p = new OutputPump(t.writer, opts);
    for (let i = 0; i < 10; i++) p.push(bytes(40));
    const dropped = p.interrupt();
    expect(dropped).toBe(280);
    expect(p.queued).toBe(0);
    expect(String(t.written[t.written.length - 1])).toContain('skipped');
    expect(p.interrupt()).toBe(0);
  });
  it('caps the queue by dropping the oldest output', () => {
    const t = fakeTerm();
    const p = new OutputPump(t.writer, opts);
    for (let i = 0; i < 100; i++) p.push(bytes(50));
    expect(p.queued).toBeLessThanOrEqual(1000);
    expect(t.written.some((w) => typeof w === 'string' && w.includes('faster than it could be drawn'))).toBe(true);
  });

  it('asks the stream to wait while its own queue is over high, and releases it under low', async () => {
    const t = fakeTerm();
    const p = new OutputPump(t.writer, opts);
    for (let i = 0; i < 5; i++) p.push(bytes(60));
    const wait = p.backpressure();
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait!.then(() => (released = true));
    t.parse(1);
    await Promise.resolve();
    expect(released).toBe(false);
    t.parse();
    t.parse();
    t.parse();
    await Promise.resolve();
    expect(released).toBe(true);
    expect(p.backpressure()).toBeUndefined();
  });

  it('releases a waiting stream at once on Ctrl-C', async () => {
    const t = fakeTerm();
    const p = new OutputPump(t.writer, opts);
    for (let i = 0; i < 5; i++) p.push(bytes(60));
    const wait = p.backpressure()!;
    p.interrupt();
    await expect(wait).resolves.toBeUndefined();
  });
});
