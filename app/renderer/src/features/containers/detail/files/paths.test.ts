import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../../../../shared/contract';
import { breadcrumbs, joinPath, MAX_UPLOAD_BYTES, parentPath, sortEntries, uploadProblem } from './paths';

const e = (name: string, type: FileEntry['type']): FileEntry => ({ name, type, size: 0, mode: 0, mtime: 0 });

describe('paths', () => {
  it('joins and goes up', () => {
    expect(joinPath('/', 'etc')).toBe('/etc');
    expect(joinPath('/etc', 'hosts')).toBe('/etc/hosts');
    expect(parentPath('/etc/ssl')).toBe('/etc');
    expect(parentPath('/etc')).toBe('/');
    expect(parentPath('/')).toBe('/');
  });
  it('builds breadcrumbs', () => {
    expect(breadcrumbs('/')).toEqual([{ name: '/', path: '/' }]);
    expect(breadcrumbs('/usr/local/bin')).toEqual([
      { name: '/', path: '/' },
      { name: 'usr', path: '/usr' },
      { name: 'local', path: '/usr/local' },
      { name: 'bin', path: '/usr/local/bin' },
    ]);
  });
  it('sorts folders first, then by natural name', () => {
    const s = sortEntries([
      e('b.txt', 'file'),
      e('var', 'dir'),
      e('a10', 'file'),
      e('a9', 'file'),
      e('bin', 'symlink'),
      e('etc', 'dir'),
    ]);
    expect(s.map((x) => x.name)).toEqual(['etc', 'var', 'bin', 'a9', 'a10', 'b.txt']);
  });
  it('refuses uploads over 8 GB with a sentence', () => {
    expect(uploadProblem(MAX_UPLOAD_BYTES, 'ok.bin')).toBeUndefined();
    expect(uploadProblem(MAX_UPLOAD_BYTES + 1, 'big.iso')).toMatch(/larger than 8 GB/);
  });
});
