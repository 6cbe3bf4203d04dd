// A stream's input on the server: kept until the source is ready, delivered in order, held while
// the source is still taking the one before, and bounded with a sentence.
import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../shared/errors';
import { MAX_QUEUED_INPUT_BYTES } from './limits';
import { StreamInput } from './stream-input';

const bytes = (n: number, fill = 0) => ({ type: 'bytes' as const, data: new Uint8Array(n).fill(fill) });
const tick = () => new Promise((r) => setTimeout(r, 0));

function input() {
  const errors: ErrorInfo[] = [];
  const q = new StreamInput<unknown>(
    (e) => errors.push(e),
    (err) => ({ kind: 'internal', message: String(err) }),
  );
  return { q, errors };
}

describe('StreamInput', () => {
  it('keeps input that arrives before the source is ready, then delivers it in order', () => {
    const { q, errors } = input();
    q.push(bytes(1, 1));
    q.push({ type: 'resize', cols: 100, rows: 30 });
    q.push(bytes(1, 2));
    expect(q.waiting).toBe(1 + 64 + 1);
    const got: unknown[] = [];
    q.open((m) => void got.push(m));
    expect(got).toEqual([bytes(1, 1), { type: 'resize', cols: 100, rows: 30 }, bytes(1, 2)]);
    q.push(bytes(1, 3));
    expect(got).toHaveLength(4); // once open and idle, input goes straight through
    expect(q.waiting).toBe(0);
    expect(errors).toEqual([]);
  });

  it('holds what follows while the source is still taking an input (its promise), in order', async () => {
    const { q } = input();
    const got: number[] = [];
    let release!: () => void;
    q.open((m) => {
      const n = (m as { data: Uint8Array }).data[0]!;
      got.push(n);
      if (n === 1) return new Promise<void>((r) => (release = r));
    });
    q.push(bytes(1, 1));
    q.push(bytes(1, 2));
    q.push(bytes(1, 3));
    expect(got).toEqual([1]);
    expect(q.waiting).toBe(2);
    release();
    await tick();
    expect(got).toEqual([1, 2, 3]);
  });

  it(`refuses input past ${MAX_QUEUED_INPUT_BYTES} bytes waiting with a sentence, and takes more once it drains`, async () => {
    const { q, errors } = input();
    const chunk = 64 * 1024;
    for (let i = 0; i < MAX_QUEUED_INPUT_BYTES / chunk; i++) q.push(bytes(chunk));
    expect(errors).toEqual([]);
    q.push(bytes(1));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'unavailable' });
    expect(errors[0]!.message).toMatch(/1 MB is already waiting.*This input was dropped/);
    expect(q.waiting).toBe(MAX_QUEUED_INPUT_BYTES);
    let taken = 0;
    q.open((m) => void (taken += (m as { data: Uint8Array }).data.length));
    expect(taken).toBe(MAX_QUEUED_INPUT_BYTES);
    q.push(bytes(1));
    expect(taken).toBe(MAX_QUEUED_INPUT_BYTES + 1);
  });

  it('tells a source that throws or rejects, and goes on with the next input', async () => {
    const { q, errors } = input();
    const got: number[] = [];
    q.open((m) => {
      const n = (m as { data: Uint8Array }).data[0]!;
      if (n === 1) throw new Error('boom');
      if (n === 2) return Promise.reject(new Error('later'));
      got.push(n);
    });
    q.push(bytes(1, 1));
    q.push(bytes(1, 2));
    q.push(bytes(1, 3));
    await tick();
    expect(errors.map((e) => e.message)).toEqual(['Error: boom', 'Error: later']);
    expect(got).toEqual([3]);
  });

  it('drops what waits when closed, and takes nothing after', () => {
    const { q } = input();
    q.push(bytes(10));
    q.close();
    expect(q.waiting).toBe(0);
    const got: unknown[] = [];
    q.open((m) => void got.push(m));
    q.push(bytes(1));
    expect(got).toEqual([]);
  });
});
