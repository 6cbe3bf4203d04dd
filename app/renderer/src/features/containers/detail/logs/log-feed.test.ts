// A container's log bytes into the view's buffer: lines split in the page, a line cut between
// batches kept whole, the last line on end, and a fresh start after a reconnect.
import { describe, expect, it } from 'vitest';
import type { BytesItem } from '../../../../../../shared/contract';
import { LogBuffer } from './log-buffer';
import { bytesFeed, linesFeed } from './log-feed';

const out = (s: string): BytesItem => ({ type: 'bytes', data: new TextEncoder().encode(s) });
const err = (s: string): BytesItem => ({ ...out(s), stderr: true });
const lines = (b: LogBuffer) => Array.from({ length: b.length }, (_, i) => b.plain(b.first + i));

describe('bytesFeed', () => {
  it('splits bytes into lines, keeps a line cut between batches whole, and marks stderr', () => {
    const b = new LogBuffer();
    const feed = bytesFeed(false);
    const v0 = b.version;
    feed.read([out('one\ntw'), err('oops\n')], b);
    expect(lines(b)).toEqual(['one', 'oops']);
    expect(b.version).toBeGreaterThan(v0);
    feed.read([out('o\nthr')], b);
    feed.end!(b);
    expect(lines(b)).toEqual(['one', 'oops', 'two', 'thr']);
    expect([0, 1, 2, 3].map((i) => b.isStderr(i))).toEqual([false, true, false, false]);
  });

  it('takes the engine’s timestamps off into their column', () => {
    const b = new LogBuffer();
    const ts = '2024-01-02T03:04:05.123456789Z';
    bytesFeed(true).read([out(`${ts} hello\n`)], b);
    expect(lines(b)).toEqual(['hello']);
    expect(b.timestamp(0)).toBe(ts);
  });

  it('forgets an unfinished line when the stream starts over', () => {
    const b = new LogBuffer();
    const feed = bytesFeed(false);
    feed.read([out('half')], b);
    feed.reset!();
    feed.read([out('fresh\n')], b);
    expect(lines(b)).toEqual(['fresh']);
  });
});

describe('linesFeed', () => {
  it('appends items that are lines already', () => {
    const b = new LogBuffer();
    linesFeed((xs: readonly string[]) => xs.map((text) => ({ stream: 'stdout' as const, text }))).read(['a', 'b'], b);
    expect(lines(b)).toEqual(['a', 'b']);
  });
});
