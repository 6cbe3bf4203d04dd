import { describe, expect, it } from 'vitest';
import { FieldIndex, lineMatcher, parseFieldFilter, type FieldClause } from './field-filter';
import { LogBuffer } from './log-buffer';

function clauses(input: string): FieldClause[] {
  const r = parseFieldFilter(input);
  if (!r?.ok) throw new Error(`not parsed: ${input}`);
  return r.clauses;
}

function keeps(filter: string, line: string): boolean {
  return lineMatcher(clauses(filter))(line) === 'match';
}

describe('JSON field filter', () => {
  it('parses clauses, quoted values and nested keys, and refuses what it cannot read', () => {
    expect(parseFieldFilter('')).toBeNull();
    expect(parseFieldFilter('   ')).toBeNull();
    expect(clauses('level=error status>=500')).toEqual([
      { path: ['level'], op: '=', value: 'error' },
      { path: ['status'], op: '>=', value: '500' },
    ]);
    expect(clauses('msg~"disk full" http.method')).toEqual([
      { path: ['msg'], op: '~', value: 'disk full' },
      { path: ['http', 'method'], op: 'has', value: '' },
    ]);
    expect(parseFieldFilter('msg="open')).toEqual({
      ok: false,
      error: 'A quoted value is not closed: add the closing ".',
    });
    expect(parseFieldFilter('=x')).toMatchObject({ ok: false, error: expect.stringMatching(/is not a field filter/) });
    expect(parseFieldFilter('status>')).toEqual({ ok: false, error: 'Give a value to compare status with.' });
  });

  const err = '{"level":"error","status":503,"msg":"Disk full","http":{"method":"GET"}}';
  const info = '{"level":"info","status":"200","msg":"ok"}';
  // Each line with the filters that keep it and those that drop it.
  const cases: [line: string, kept: string[], dropped: string[]][] = [
    [
      err,
      [
        'level=error',
        'level=ERROR',
        'status>=500',
        'status=503',
        'msg~disk',
        'http.method=GET',
        'level=error status>=500',
      ],
      ['level=error status<500'],
    ],
    [
      info,
      // a number written as a string compares as a number
      ['level!=error', 'status<300'],
      // a field missing never matches, not even !=
      ['level=error', 'status>=500', 'http.method', 'user!=bob'],
    ],
    ['web | {"web":1}', ['web=1'], []],
  ];
  it.each(
    cases.flatMap(([line, kept, dropped]) => [
      ...kept.map((f) => [f, line, true] as const),
      ...dropped.map((f) => [f, line, false] as const),
    ]),
  )('%s on %s: kept %s', (filter, line, kept) => {
    expect(keeps(filter, line)).toBe(kept);
  });

  it('says a line that is not one JSON object is not JSON', () => {
    expect(lineMatcher(clauses('level=error'))('level=error happened')).toBe('not-json');
    expect(lineMatcher(clauses('level=error'))('{"level": broken}')).toBe('not-json');
  });

  it('indexes the matching lines of a buffer and counts the lines that are not JSON', () => {
    const buffer = new LogBuffer();
    const lines = [];
    for (let i = 0; i < 10_000; i++)
      lines.push({
        stream: 'stdout' as const,
        text: i % 10 === 0 ? `plain ${i}` : JSON.stringify({ i, level: i % 3 === 0 ? 'error' : 'info' }),
      });
    buffer.append(lines);
    const index = new FieldIndex(clauses('level=error'));
    let t = 0;
    // A clock that jumps past the budget at every look: the scan goes in slices, and still completes.
    while (!index.extend(buffer, 12, () => (t += 100)));
    const expected = lines.flatMap((l, i) => (i % 10 !== 0 && i % 3 === 0 ? [i] : []));
    expect(index.lineCount).toBe(expected.length);
    expect(Array.from({ length: index.lineCount }, (_, k) => index.lineAt(k))).toEqual(expected);
    expect(index.notJson).toBe(1000);
    expect(index.lineIndexAtOrAfter(4)).toBe(expected.indexOf(6));
    // lines that arrive later are added on the next extend
    buffer.append([{ stream: 'stdout', text: '{"level":"error","late":true}' }]);
    expect(index.extend(buffer)).toBe(true);
    expect(index.lineAt(index.lineCount - 1)).toBe(10_000);
  });
});
