import { describe, expect, it } from 'vitest';
import { JsonLineCache, jsonRuns, jsonStart, parseJsonLine, prettyJson } from './json-lines';

describe('JSON lines', () => {
  it('finds a line that is one JSON object, alone or after a merged view marker', () => {
    expect(jsonStart('{"a":1}')).toBe(0);
    expect(jsonStart('  {"a":1}  ')).toBe(2);
    expect(jsonStart('web    | {"a":1}')).toBe(9);
    expect(jsonStart('plain text')).toBe(-1);
    expect(jsonStart('[1,2]')).toBe(-1);
    expect(jsonStart('x {"a":1}')).toBe(-1);
    expect(parseJsonLine('{"level":"error","n":2}')).toEqual({ start: 0, value: { level: 'error', n: 2 } });
    expect(parseJsonLine('web | {"ok":true}')).toEqual({ start: 6, value: { ok: true } });
    // shaped like one but not JSON, or JSON that is not an object
    expect(parseJsonLine('{not json}')).toBeUndefined();
    expect(parseJsonLine('{"a":1} {"b":2}')).toBeUndefined();
    expect(parseJsonLine('"{}"')).toBeUndefined();
  });

  it('colours keys apart from string values, numbers and literals, over the same text', () => {
    const text = 'svc | {"level": "error", "n": -1.5e3, "ok": true, "x": null, "q": "a\\"b:"}';
    const start = jsonStart(text);
    const runs = jsonRuns(text, start);
    const piece = (fg: string) => runs.filter((r) => r.style.fg === fg).map((r) => text.slice(r.start, r.end));
    expect(piece('p4')).toEqual(['"level"', '"n"', '"ok"', '"x"', '"q"']);
    expect(piece('p2')).toEqual(['"error"', '"a\\"b:"']);
    expect(piece('p5')).toEqual(['-1.5e3']);
    expect(piece('p3')).toEqual(['true', 'null']);
    expect(runs.every((r) => r.start >= start)).toBe(true);
  });

  it('indents an object two spaces per level', () => {
    expect(prettyJson({ a: 1, b: { c: 'd' } })).toBe('{\n  "a": 1,\n  "b": {\n    "c": "d"\n  }\n}');
    const runs = jsonRuns(prettyJson({ a: { b: 1 } }));
    expect(runs.map((r) => r.style.fg)).toEqual(['p4', 'p4', 'p5']);
  });

  it('parses each drawn line once per epoch and keeps at most `max` of them', () => {
    const cache = new JsonLineCache(2);
    let reads = 0;
    const text = (t: string) => () => {
      reads++;
      return t;
    };
    expect(cache.get(0, 1, text('{"a":1}'))?.value).toEqual({ a: 1 });
    const after = reads;
    cache.get(0, 1, text('{"a":1}'));
    expect(reads).toBe(after);
    expect(cache.get(1, 1, text('plain'))).toBeNull();
    cache.get(2, 1, text('{"b":2}'));
    cache.get(0, 1, text('{"a":1}')); // evicted: read again
    expect(reads).toBeGreaterThan(after + 2);
    // a new epoch (the buffer was cleared) forgets everything
    expect(cache.get(0, 2, text('plain'))).toBeNull();
    expect([...cache.keys]).toEqual(['a', 'b']);
  });
});
