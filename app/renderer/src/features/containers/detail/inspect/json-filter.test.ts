import { describe, expect, it } from 'vitest';
import { containerPaths, filterJson, type Json } from './json-filter';

const doc: Json = {
  Id: 'abc123',
  State: { Status: 'running', Pid: 42, Health: null },
  Config: { Env: ['PATH=/usr/bin', 'FOO=bar'], Tty: false, Labels: { 'com.example': 'yes' } },
};

describe('filterJson', () => {
  it('returns everything for an empty query', () => {
    expect(filterJson(doc, '  ')).toBe(doc);
  });
  it('keeps matching values with their ancestors', () => {
    expect(filterJson(doc, 'RUNNING')).toEqual({ State: { Status: 'running' } });
    expect(filterJson(doc, '42')).toEqual({ State: { Pid: 42 } });
  });
  it('keeps the whole subtree of a matching key', () => {
    expect(filterJson(doc, 'labels')).toEqual({ Config: { Labels: { 'com.example': 'yes' } } });
  });
  it('keeps array positions of matching items', () => {
    const r = filterJson(doc, 'foo=') as { Config: { Env: Json[] } };
    expect(r.Config.Env.length).toBe(2);
    expect(r.Config.Env[1]).toBe('FOO=bar');
    expect(0 in r.Config.Env).toBe(false);
  });
  it('matches null and booleans by their text', () => {
    expect(filterJson(doc, 'null')).toEqual({ State: { Health: null } });
    expect(filterJson(doc, 'nothing-like-this')).toBeUndefined();
  });
});

describe('containerPaths', () => {
  it('lists every object and array path', () => {
    expect(containerPaths(doc)).toEqual(['', '/State', '/Config', '/Config/Env', '/Config/Labels']);
  });
});
