import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../../../shared/contract';
import { CHUNK_LINES, LogBuffer } from './log-buffer';

const out = (text: string, ts?: string): LogLine => ({ stream: 'stdout', text, ts });
const err = (text: string): LogLine => ({ stream: 'stderr', text });

describe('LogBuffer', () => {
  it('appends and indexes lines with their stream and timestamp', () => {
    const b = new LogBuffer();
    const v0 = b.version;
    b.append([out('one', '2026-01-01T00:00:00Z'), err('two')]);
    expect(b.length).toBe(2);
    expect(b.version).toBeGreaterThan(v0);
    expect(b.plain(0)).toBe('one');
    expect(b.timestamp(0)).toBe('2026-01-01T00:00:00Z');
    expect(b.isStderr(0)).toBe(false);
    expect(b.isStderr(1)).toBe(true);
    expect(b.plain(5)).toBe('');
  });
  it('strips escapes for plain text but keeps the original for rendering', () => {
    const b = new LogBuffer();
    b.append([out('\x1b[31mred\x1b[0m'), out('plain')]);
    expect(b.plain(0)).toBe('red');
    expect(b.raw(0)).toBe('\x1b[31mred\x1b[0m');
    expect(b.hasEscapes(0)).toBe(true);
    expect(b.raw(1)).toBe('plain');
    expect(b.hasEscapes(1)).toBe(false);
  });
  it('remembers a colour carried over to the next lines of the same stream', () => {
    const b = new LogBuffer();
    b.append([out('\x1b[31mred starts'), err('stderr is separate'), out('still red'), out('end\x1b[0m'), out('plain')]);
    expect(b.startStyle(0)).toBeUndefined();
    expect(b.startStyle(1)).toBeUndefined();
    expect(b.startStyle(2)).toEqual({ fg: 'p1' });
    expect(b.startStyle(3)).toEqual({ fg: 'p1' });
    expect(b.startStyle(4)).toBeUndefined();
    expect(b.plain(3)).toBe('end');
  });
  it('splits items holding several lines and drops the final newline (TTY output with CRLF)', () => {
    const b = new LogBuffer();
    b.append([out('a\r\nb\r\n'), out('c\n')]);
    expect(b.length).toBe(3);
    expect([b.plain(0), b.plain(1), b.plain(2)]).toEqual(['a', 'b', 'c']);
  });
  it('holds 1 000 000 lines across chunks (its speed is the bench row log-buffer)', () => {
    const b = new LogBuffer();
    const batch: LogLine[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      batch.push(out(`line ${i}`));
      if (batch.length === 5000) {
        b.append(batch);
        batch.length = 0;
      }
    }
    expect(b.length).toBe(1_000_000);
    expect(b.plain(0)).toBe('line 0');
    expect(b.plain(CHUNK_LINES)).toBe(`line ${CHUNK_LINES}`);
    expect(b.plain(999_999)).toBe('line 999999');
    let n = 0;
    b.forEachPlain(CHUNK_LINES - 2, CHUNK_LINES + 3, (t, abs) => {
      expect(t).toBe(`line ${abs}`);
      n++;
    });
    expect(n).toBe(5);
  });
  it('drops the oldest chunks past the cap and keeps absolute numbering', () => {
    const b = new LogBuffer(CHUNK_LINES * 2);
    const lines = Array.from({ length: CHUNK_LINES * 4 }, (_, i) => out(String(i)));
    b.append(lines);
    expect(b.first).toBe(CHUNK_LINES * 2);
    expect(b.length).toBeGreaterThanOrEqual(CHUNK_LINES * 2);
    expect(b.end).toBe(CHUNK_LINES * 4);
    expect(b.plain(b.first)).toBe(String(CHUNK_LINES * 2));
    expect(b.plain(0)).toBe('');
    expect(b.plain(b.end - 1)).toBe(String(CHUNK_LINES * 4 - 1));
  });
  it('produces text parts for copy and download', () => {
    const b = new LogBuffer();
    b.append([out('a'), out('b'), out('c')]);
    expect(b.textParts({ from: 0, to: 3 }, (i) => b.plain(i)).join('')).toBe('a\nb\nc\n');
    expect(b.textParts([0, 2], (i) => b.plain(i)).join('')).toBe('a\nc\n');
    b.clear();
    expect(b.length).toBe(0);
  });
});
