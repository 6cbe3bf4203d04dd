// The binary form of frames (frames.ts): what each side writes, that the other reads it back, and
// that every malformed binary message is refused with a sentence instead of a throw.
import { describe, expect, it } from 'vitest';
import type { ClientFrame, ServerFrame } from './frames';
import {
  BINARY_HEADER_BYTES,
  decodeClientBinary,
  decodeServerBinary,
  encodeClientFrame,
  encodeServerFrame,
} from './wire';

const bytes = (...xs: number[]) => new Uint8Array(xs);
const text = (s: string) => new TextEncoder().encode(s);

/** A binary message by hand: header fields, then segments of [channel, payload]. */
function message(kind: number, id: number, seq: number, segments: [number, Uint8Array][]): Uint8Array {
  const size = BINARY_HEADER_BYTES + segments.reduce((n, [, d]) => n + 8 + d.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint8(0, kind);
  v.setFloat64(4, id);
  v.setFloat64(12, seq);
  let at = BINARY_HEADER_BYTES;
  for (const [channel, d] of segments) {
    v.setUint8(at, channel);
    v.setUint32(at + 4, d.length);
    out.set(d, at + 8);
    at += 8 + d.length;
  }
  return out;
}

describe('wire: server frames', () => {
  it('writes a batch of bytes as one binary message with the header of frames.ts, and reads it back', () => {
    const frame: ServerFrame = {
      t: 'data',
      id: 1_000_000_007,
      seq: 42,
      items: [
        { type: 'bytes', data: text('out\n') },
        { type: 'bytes', data: text('err\n'), stderr: true },
        { type: 'bytes', data: bytes() },
      ],
    };
    const wire = encodeServerFrame(frame) as Uint8Array;
    expect(wire).toBeInstanceOf(Uint8Array);
    expect(wire.length).toBe(BINARY_HEADER_BYTES + 3 * 8 + 8);
    expect([...wire.subarray(0, 4)]).toEqual([1, 0, 0, 0]);
    // The first segment's header is the engine's own: channel 1, three zeros, big-endian length.
    expect([...wire.subarray(20, 28)]).toEqual([1, 0, 0, 0, 0, 0, 0, 4]);
    expect(decodeServerBinary(wire)).toEqual(frame);
  });

  it('reads payloads in place (views of the message, no copy)', () => {
    const wire = encodeServerFrame({ t: 'data', id: 1, seq: 1, items: [{ type: 'bytes', data: text('abc') }] });
    const f = decodeServerBinary(wire as Uint8Array) as Extract<ServerFrame, { t: 'data' }>;
    const data = (f.items[0] as { data: Uint8Array }).data;
    expect(data.buffer).toBe((wire as Uint8Array).buffer);
  });

  it('writes every other frame as JSON text', () => {
    const frames: ServerFrame[] = [
      { t: 'res', id: 1, ok: true, result: [1] },
      { t: 'data', id: 2, seq: 1, items: [{ type: 'started', shell: 'sh' }] },
      { t: 'end', id: 2 },
      { t: 'error', id: 3, error: { kind: 'invalid', message: 'no' } },
    ];
    for (const f of frames) expect(encodeServerFrame(f)).toBe(JSON.stringify(f));
  });

  it('refuses to write a batch that mixes bytes with other items', () => {
    expect(() =>
      encodeServerFrame({ t: 'data', id: 1, seq: 1, items: [{ type: 'bytes', data: bytes(1) }, { type: 'exit' }] }),
    ).toThrow(/mixes bytes/);
  });
});

describe('wire: client frames', () => {
  it('writes input of bytes as one binary message and reads it back', () => {
    const frame: ClientFrame = { t: 'in', id: 9, data: { type: 'bytes', data: text('ls\n') } };
    const wire = encodeClientFrame(frame) as Uint8Array;
    expect([...wire.subarray(0, 4)]).toEqual([2, 0, 0, 0]);
    expect(wire.length).toBe(BINARY_HEADER_BYTES + 8 + 3);
    expect(decodeClientBinary(wire)).toEqual(frame);
  });

  it('writes other input and every other frame as JSON text', () => {
    const frames: ClientFrame[] = [
      { t: 'in', id: 9, data: { type: 'resize', cols: 80, rows: 24 } },
      { t: 'in', id: 9, data: { type: 'bytes', data: 'not bytes' } },
      { t: 'ack', id: 9, seq: 3 },
      { t: 'sub', id: 10, topic: 'containers.logs', args: { id: 'web' } },
    ];
    for (const f of frames) expect(encodeClientFrame(f)).toBe(JSON.stringify(f));
  });
});

describe('wire: malformed binary messages', () => {
  const input = (over: Partial<{ kind: number; id: number; seq: number; segments: [number, Uint8Array][] }> = {}) =>
    message(over.kind ?? 2, over.id ?? 1, over.seq ?? 0, over.segments ?? [[0, text('x')]]);
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty', bytes(), /shorter than a header/],
    ['a header alone', input().subarray(0, BINARY_HEADER_BYTES), /shorter than a header and one segment/],
    ['an unknown kind', input({ kind: 7 }), /kind 7/],
    ['a server kind from a page', input({ kind: 1, seq: 1, segments: [[1, text('x')]] }), /only input/],
    ['non-zero padding', (() => { const m = input(); m[2] = 1; return m; })(), /padding/], // prettier-ignore
    ['a fractional id', input({ id: 1.5 }), /stream id/],
    ['a negative id', input({ id: -1 }), /stream id/],
    ['an id past 2^53', input({ id: 2 ** 53 }), /stream id/],
    ['NaN as seq', input({ seq: NaN }), /sequence number/],
    ['an input with a seq', input({ seq: 3 }), /sequence number 0/],
    ['two segments', input({ segments: [[0, text('a')], [0, text('b')]] }), /one segment/], // prettier-ignore
    ['the wrong channel', input({ segments: [[1, text('a')]] }), /channel 0/],
    ['a length past the end', (() => { const m = input(); m[27] = 200; return m; })(), /past the end/], // prettier-ignore
    ['a cut-off segment header', new Uint8Array([...input(), 0, 0, 0]), /cut off/],
    ['segment padding', (() => { const m = input(); m[21] = 9; return m; })(), /non-zero padding/], // prettier-ignore
  ];
  for (const [what, msg, why] of cases)
    it(`refuses ${what} with a sentence`, () => {
      const r = decodeClientBinary(msg);
      expect(typeof r).toBe('string');
      expect(r).toMatch(/^The binary message was not understood: /);
      expect(r).toMatch(why);
    });

  it('refuses a server message on an input channel, and client kinds, on the page side too', () => {
    expect(decodeServerBinary(message(1, 1, 1, [[0, text('x')]]))).toMatch(/channel 0 is not 1 or 2/);
    expect(decodeServerBinary(message(2, 1, 0, [[0, text('x')]]))).toMatch(/only data/);
  });

  it('never throws on random bytes', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 256;
    for (let i = 0; i < 2000; i++) {
      const m = new Uint8Array(Math.floor(rand() / 4));
      for (let k = 0; k < m.length; k++) m[k] = Math.floor(rand());
      if (i % 2) m[0] = 2; // mostly well-kinded, so the deeper checks run too
      expect(() => decodeClientBinary(m)).not.toThrow();
      expect(() => decodeServerBinary(m)).not.toThrow();
    }
  });
});
