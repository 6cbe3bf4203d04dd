import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, tarOneFile, type TarEntry } from './container-files-tar';

const dir = mkdtempSync(join(tmpdir(), 'berth-tar-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function entries(buf: Buffer, chunk = 333, want = (_e: TarEntry) => true): Promise<TarEntry[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) chunks.push(buf.subarray(i, i + chunk));
  const out: TarEntry[] = [];
  for await (const e of readTar(Readable.from(chunks), want)) out.push(e);
  return out;
}

describe('tar reader and writer', () => {
  it('reads what GNU tar writes (ustar, pax and GNU long names, symlinks, folders), in small chunks', async () => {
    const root = join(dir, 'src');
    const long = 'd'.repeat(120);
    mkdirSync(join(root, 'sub', long), { recursive: true });
    writeFileSync(join(root, 'sub', 'a.txt'), 'alpha\n');
    writeFileSync(join(root, 'sub', long, `${'f'.repeat(150)}.bin`), Buffer.alloc(1500, 7));
    symlinkSync('a.txt', join(root, 'sub', 'link'));
    for (const format of ['gnu', 'pax', 'ustar']) {
      if (format === 'ustar') continue; // ustar cannot hold these names
      const file = join(dir, `${format}.tar`);
      execFileSync('tar', ['-C', root, `--format=${format}`, '-cf', file, 'sub']);
      const list = await entries(execFileSync('cat', [file]), 333);
      const byName = Object.fromEntries(list.map((e) => [e.name, e]));
      expect(byName['sub']?.type).toBe('dir');
      expect(byName['sub/a.txt']).toMatchObject({ type: 'file', size: 6 });
      expect(byName['sub/a.txt']!.data!.toString()).toBe('alpha\n');
      expect(byName['sub/link']).toMatchObject({ type: 'symlink', linkTarget: 'a.txt' });
      const big = byName[`sub/${long}/${'f'.repeat(150)}.bin`];
      expect(big).toMatchObject({ type: 'file', size: 1500 });
      expect(big!.data!.equals(Buffer.alloc(1500, 7))).toBe(true);
    }
  });

  it('skips data it is not asked for', async () => {
    const list = await entries(await tarOneFile('x.bin', Buffer.alloc(5000, 1)), 100, () => false);
    expect(list).toEqual([expect.objectContaining({ name: 'x.bin', size: 5000 })]);
    expect(list[0]!.data).toBeUndefined();
  });

  it('writes a single-file tar that GNU tar reads, with long names through pax', async () => {
    const name = `${'n'.repeat(130)}.txt`;
    const file = join(dir, 'one.tar');
    writeFileSync(file, await tarOneFile(name, Buffer.from('hello'), 0o640, 1700000000));
    expect(execFileSync('tar', ['-tvf', file], { encoding: 'utf8' })).toMatch(
      new RegExp(`^-rw-r----- .* 5 .* ${name}\\n$`),
    );
    expect(execFileSync('tar', ['-xOf', file], { encoding: 'utf8' })).toBe('hello');
  });

  it('round-trips through its own reader', async () => {
    const data = Buffer.from('round trip');
    const [e] = await entries(await tarOneFile('r.txt', data, 0o600, 1234), 7);
    expect(e).toMatchObject({ name: 'r.txt', type: 'file', size: data.length, mode: 0o600, mtime: 1234 });
    expect(e!.data!.equals(data)).toBe(true);
  });

  it('hands an entry over as a stream in pieces, and skips what the reader leaves unread', async () => {
    const big = Buffer.alloc(200_000, 9);
    big.write('head');
    const tar = Buffer.concat([
      (await tarOneFile('big.bin', big)).subarray(0, -1024),
      await tarOneFile('after.txt', Buffer.from('x')),
    ]);
    const chunks: Buffer[] = [];
    for (let i = 0; i < tar.length; i += 1000) chunks.push(tar.subarray(i, i + 1000));
    const seen: string[] = [];
    let streamed = Buffer.alloc(0);
    for await (const e of readTar(Readable.from(chunks), () => 'stream')) {
      seen.push(e.name);
      if (e.name === 'big.bin') for await (const piece of e.body!) streamed = Buffer.concat([streamed, piece]);
      // after.txt's body is left unread: the reader skips it.
    }
    expect(seen).toEqual(['big.bin', 'after.txt']);
    expect(streamed.equals(big)).toBe(true);
  });
});
