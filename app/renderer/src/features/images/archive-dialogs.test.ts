import { describe, expect, it } from 'vitest';
import { replaceQuestion } from './ArchiveDialogs';

describe('saving over an existing file', () => {
  it('asks "Replace <file>?" only for the refusal of an existing file at the path', () => {
    const exists = { kind: 'conflict', field: 'path', message: '/tmp/a.tar already exists. …' };
    expect(replaceQuestion(exists, '/tmp/a.tar')).toBe('Replace /tmp/a.tar?');
    expect(replaceQuestion({ ...exists, field: 'images' }, '/tmp/a.tar')).toBeUndefined();
    expect(replaceQuestion({ kind: 'invalid', field: 'path', message: 'folder' }, '/tmp/a.tar')).toBeUndefined();
    expect(replaceQuestion(new Error('boom'), '/tmp/a.tar')).toBeUndefined();
    expect(replaceQuestion(null, '/tmp/a.tar')).toBeUndefined();
  });
});
