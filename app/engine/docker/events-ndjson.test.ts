import { describe, expect, it } from 'vitest';
import { NdjsonSplitter } from './events-ndjson';
import { eventSplitter, sinceParam, toEngineEvent } from './events';

function feed<T>(s: NdjsonSplitter<T>, bytes: Buffer, cuts: number[]): T[] {
  const out: T[] = [];
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(...s.push(bytes.subarray(prev, c)));
    prev = c;
  }
  out.push(...s.end());
  return out;
}

describe('NdjsonSplitter', () => {
  const objs = [{ a: 1 }, { b: 'two €' }, { c: [3, { d: 'x\ny' }] }];
  const bytes = Buffer.from(objs.map((o) => JSON.stringify(o)).join('\n') + '\n');

  it('splits several objects in one chunk', () => {
    expect(feed(new NdjsonSplitter(), bytes, [])).toEqual(objs);
  });

  it('joins an object split across chunks, at every byte position (inside a multi-byte character too)', () => {
    for (let c = 1; c < bytes.length; c++) expect(feed(new NdjsonSplitter(), bytes, [c])).toEqual(objs);
    for (let c = 1; c < bytes.length - 3; c++)
      expect(feed(new NdjsonSplitter(), bytes, [c, c + 1, c + 3])).toEqual(objs);
  });

  it('one byte at a time', () => {
    expect(
      feed(
        new NdjsonSplitter(),
        bytes,
        Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
      ),
    ).toEqual(objs);
  });

  it('takes the last line without a newline, skips blank and \\r\\n line ends, keeps bad lines aside', () => {
    const s = new NdjsonSplitter();
    expect(feed(s, Buffer.from('{"a":1}\r\n\n not json \n{"b":2}'), [3])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(s.invalid).toEqual(['not json']);
  });
});

describe('engine events', () => {
  const raw =
    '{"status":"start","id":"abc","from":"busybox","Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"image":"busybox","name":"web"}},"scope":"local","time":1700000000,"timeNano":1700000000123456789}';

  it('types an event and keeps timeNano exact', () => {
    const [ev] = feed(eventSplitter(), Buffer.from(raw + '\n'), [50]);
    expect(ev).toEqual({
      type: 'container',
      action: 'start',
      id: 'abc',
      name: 'web',
      attributes: { image: 'busybox', name: 'web' },
      time: 1700000000123,
      timeNano: '1700000000123456789',
    });
  });

  it('falls back to time when timeNano is missing', () => {
    expect(toEngineEvent({ Type: 'volume', Action: 'create', Actor: { ID: 'v' }, time: 5 }).time).toBe(5000);
  });

  it('formats since as seconds.nanoseconds', () => {
    expect(sinceParam('1700000000123456789')).toBe('1700000000.123456789');
    expect(sinceParam('5')).toBe('0.000000005');
  });
});
