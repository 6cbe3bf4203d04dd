// Log bytes into lines, as the page does it for containers.logs and the facade for Node callers.
import { describe, expect, it } from 'vitest';
import { LogLineSplitter } from './log-lines';

type Line = [text: string, stderr: boolean, ts: string | undefined];

function split(chunks: [string | Uint8Array, boolean][], timestamps = false): Line[] {
  const s = new LogLineSplitter(timestamps);
  const out: Line[] = [];
  const emit = (text: string, stderr: boolean, ts: string | undefined) => out.push([text, stderr, ts]);
  for (const [c, stderr] of chunks) s.push(typeof c === 'string' ? new TextEncoder().encode(c) : c, stderr, emit);
  s.end(emit);
  return out;
}

describe('LogLineSplitter', () => {
  it('splits lines per stream, holding each stream’s unfinished line until its end arrives', () => {
    expect(
      split([
        ['out o', false],
        ['err\nerr tw', true],
        ['ne\nout two\nlast', false],
      ]),
    ).toEqual([
      ['err', true, undefined],
      ['out one', false, undefined],
      ['out two', false, undefined],
      ['last', false, undefined],
      ['err tw', true, undefined],
    ]);
  });

  it('keeps a character split across chunks, shows invalid bytes as U+FFFD, and drops a TTY’s \\r', () => {
    const euro = new TextEncoder().encode('€\r\n');
    expect(
      split([
        [euro.subarray(0, 1), false],
        [euro.subarray(1), false],
        [new Uint8Array([0x61, 0xff, 0x0a]), false],
      ]),
    ).toEqual([
      ['€', false, undefined],
      ['a\ufffd', false, undefined],
    ]);
  });

  it('splits the engine’s timestamp off each line, also from an empty message', () => {
    const ts = '2024-01-02T03:04:05.123456789Z';
    expect(split([[`${ts} hello\n${ts}\n${ts} \nno time here\n`, false]], true)).toEqual([
      ['hello', false, ts],
      ['', false, ts],
      ['', false, ts],
      ['no time here', false, undefined],
    ]);
  });
});
