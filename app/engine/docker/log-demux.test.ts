import { describe, expect, it } from 'vitest';
import { LogDemuxer, LogParser, parseLogBuffer, type LogLine } from './log-demux';

function frame(stream: 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
}

/** Feeds `bytes` cut at the given offsets (or every `step` bytes). */
function parseChunked(bytes: Buffer, cuts: number[] | number, opts = { tty: false, timestamps: false }): LogLine[] {
  const p = new LogParser(opts);
  const out: LogLine[] = [];
  const offsets =
    typeof cuts === 'number'
      ? Array.from({ length: Math.ceil(bytes.length / cuts) }, (_, i) => i * cuts).slice(1)
      : cuts;
  let prev = 0;
  for (const c of [...offsets, bytes.length]) {
    out.push(...p.push(bytes.subarray(prev, c)));
    prev = c;
  }
  out.push(...p.end());
  return out;
}

describe('LogParser (multiplexed)', () => {
  const stream = Buffer.concat([frame(1, 'out one\nout two\n'), frame(2, 'err one\n'), frame(1, 'out three\n')]);
  const expected = [
    { stream: 'stdout', text: 'out one' },
    { stream: 'stdout', text: 'out two' },
    { stream: 'stderr', text: 'err one' },
    { stream: 'stdout', text: 'out three' },
  ];

  it('parses a whole buffer', () => {
    expect(parseLogBuffer(stream, { tty: false })).toEqual(expected);
  });

  it('gives the same lines for every chunking, down to one byte at a time', () => {
    for (const step of [1, 2, 3, 5, 7, 8, 9, 13, 16]) expect(parseChunked(stream, step)).toEqual(expected);
    // every single cut position, including inside headers
    for (let c = 1; c < stream.length; c++) expect(parseChunked(stream, [c])).toEqual(expected);
  });

  it('joins a line split across frames and chunks', () => {
    const s = Buffer.concat([frame(1, 'hel'), frame(1, 'lo wor'), frame(1, 'ld\nnext')]);
    expect(parseChunked(s, 4)).toEqual([
      { stream: 'stdout', text: 'hello world' },
      { stream: 'stdout', text: 'next' },
    ]);
  });

  it('keeps a multi-byte character split across frames (and interleaved with the other stream)', () => {
    const euro = Buffer.from('€'); // 3 bytes
    const s = Buffer.concat([
      frame(1, Buffer.concat([Buffer.from('a'), euro.subarray(0, 1)])),
      frame(2, 'x\n'),
      frame(1, Buffer.concat([euro.subarray(1), Buffer.from('b\n')])),
    ]);
    for (let c = 1; c < s.length; c++) {
      expect(parseChunked(s, [c])).toEqual([
        { stream: 'stderr', text: 'x' },
        { stream: 'stdout', text: 'a€b' },
      ]);
    }
  });

  it('shows invalid UTF-8 as U+FFFD instead of dropping it', () => {
    const s = frame(1, Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a]));
    expect(parseLogBuffer(s, { tty: false })).toEqual([{ stream: 'stdout', text: 'a\ufffd\ufffdb' }]);
  });

  it('keeps a 200 000-character line whole', () => {
    const long = 'x'.repeat(200_000);
    const frames: Buffer[] = [];
    for (let i = 0; i < long.length; i += 16384) frames.push(frame(1, long.slice(i, i + 16384)));
    frames.push(frame(1, '\nafter\n'));
    const out = parseChunked(Buffer.concat(frames), 65536);
    expect(out.map((l) => l.text.length)).toEqual([200_000, 5]);
  });

  it('splits timestamps off and drops the timestamps of continuation frames', () => {
    const ts1 = '2024-01-02T03:04:05.123456789Z';
    const ts2 = '2024-01-02T03:04:05.223456789Z';
    const s = Buffer.concat([
      frame(1, `${ts1} first half `),
      frame(1, `${ts2} second half\n`),
      frame(2, `${ts2} oops\n`),
    ]);
    for (let c = 1; c < s.length; c += 3)
      expect(parseChunked(s, [c], { tty: false, timestamps: true })).toEqual([
        { stream: 'stdout', text: 'first half second half', ts: ts1 },
        { stream: 'stderr', text: 'oops', ts: ts2 },
      ]);
  });

  it('ends with the unterminated last line and skips empty frames', () => {
    const s = Buffer.concat([frame(1, ''), frame(1, 'a\n\nb')]);
    expect(parseLogBuffer(s, { tty: false }).map((l) => l.text)).toEqual(['a', '', 'b']);
  });

  it('falls back to raw text when the bytes are not framed', () => {
    expect(parseLogBuffer(Buffer.from('plain text\nmore\n'), { tty: false }).map((l) => l.text)).toEqual([
      'plain text',
      'more',
    ]);
  });
});

describe('LogParser (TTY)', () => {
  it('reads raw terminal output as stdout lines, dropping the \\r of \\r\\n', () => {
    const s = Buffer.from('one\r\ntwo\r\nthr€e\r\n');
    for (let c = 1; c < s.length; c++)
      expect(parseChunked(s, [c], { tty: true, timestamps: false })).toEqual([
        { stream: 'stdout', text: 'one' },
        { stream: 'stdout', text: 'two' },
        { stream: 'stdout', text: 'thr€e' },
      ]);
  });
});

describe('LogDemuxer (bytes for the page)', () => {
  /** Each stream's bytes after demultiplexing `bytes` cut at `cuts`, and the number of runs. */
  function demux(bytes: Buffer, cuts: number[], opts = { tty: false, timestamps: false }) {
    const d = new LogDemuxer(opts);
    const out = { stdout: '', stderr: '', order: '', runs: 0 };
    let prev = 0;
    for (const c of [...cuts, bytes.length]) {
      d.push(bytes.subarray(prev, c), (stderr, run) => {
        out[stderr ? 'stderr' : 'stdout'] += Buffer.from(run).toString('latin1');
        out.order += stderr ? 'e' : 'o';
        out.runs++;
      });
      prev = c;
    }
    return out;
  }

  it('gives one run per stream change within a chunk, the same bytes for every chunking', () => {
    const s = Buffer.concat([frame(1, 'a\n'), frame(1, 'b\n'), frame(2, 'x\n'), frame(1, 'c\n')]);
    expect(demux(s, [])).toEqual({ stdout: 'a\nb\nc\n', stderr: 'x\n', order: 'oeo', runs: 3 });
    for (let c = 1; c < s.length; c++) {
      const r = demux(s, [c]);
      expect([r.stdout, r.stderr]).toEqual(['a\nb\nc\n', 'x\n']);
    }
  });

  it('drops the timestamps of continuation messages in the bytes, so a split line keeps one time', () => {
    const ts1 = '2024-01-02T03:04:05.123456789Z';
    const ts2 = '2024-01-02T03:04:05.223456789Z';
    const s = Buffer.concat([
      frame(1, `${ts1} first half `),
      frame(1, `${ts2} second half\n`),
      frame(1, `${ts2} next\n`),
    ]);
    for (let c = 1; c < s.length; c += 2)
      expect(demux(s, [c], { tty: false, timestamps: true }).stdout).toBe(
        `${ts1} first half second half\n${ts2} next\n`,
      );
  });

  it('passes a TTY stream through as stdout, untouched', () => {
    const s = Buffer.from('one\r\ntwo\r\n');
    expect(demux(s, [4], { tty: true, timestamps: false })).toMatchObject({ stdout: 'one\r\ntwo\r\n', stderr: '' });
  });
});
