import { describe, expect, it } from 'vitest';
import { parseJsonWithPlaces } from './json-places';

const errorOf = (text: string) => {
  const r = parseJsonWithPlaces(text);
  return r.ok ? undefined : r.error.message;
};

describe('parseJsonWithPlaces: objects and lists', () => {
  it('reads empty and filled objects and lists, with the place of every key and item', () => {
    const r = parseJsonWithPlaces('{ "a": {}, "b": [ ], "c": [1, {"d": 2}] }');
    expect(r.ok && r.json.value).toEqual({ a: {}, b: [], c: [1, { d: 2 }] });
    expect(r.ok && [...r.json.places.keys()]).toEqual(['a', 'b', 'c', 'c[0]', 'c[1]', 'c[1].d']);
  });

  it.each([
    ['{"a": 1', 'The text ends inside an object: a "}" is missing.'],
    ['{"a": 1 "b": 2}', 'Expected "," or "}" after the value of "a", found """.'],
    ['{"a": 1,}', 'JSON allows no comma before "}": remove it.'],
    ['[1, 2', 'The text ends inside a list: a "]" is missing.'],
    ['[1 2]', 'Expected "," or "]" after a list item, found "2".'],
    ['[1,]', 'JSON allows no comma before "]": remove it.'],
  ])('refuses %s with a sentence', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
