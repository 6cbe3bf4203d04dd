import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { pack, type Header } from 'tar-stream';
import { readTar, tarOneFile, writeTar, type TarEntry } from './container-files-tar';

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

/** A tar written by tar-stream itself with whatever names and links an attacker chooses. */
async function hostile(entries: (Partial<Header> & { name: string; body?: string })[]): Promise<Buffer> {
  const p = pack();
  for (const { body, ...h } of entries) p.entry(h, body ?? '');
  p.finalize();
  const out: Buffer[] = [];
  for await (const c of p) out.push(c as Buffer);
  return Buffer.concat(out);
}

/** The first header of `tar` with its type flag and size replaced, and its checksum made right again. */
function forged(tar: Buffer, flag: string, size: number): Buffer {
  const h = Buffer.from(tar.subarray(0, 512));
  h.write(flag, 156, 'ascii');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

describe('tar reader against hostile archives', () => {
  it.each(['../escape.txt', 'ok/../../escape.txt', '/etc/passwd', '..'])('refuses the entry "%s"', async (name) => {
    const tar = await hostile([
      { name: 'fine.txt', body: 'x' },
      { name, body: 'evil' },
    ]);
    await expect(entries(tar)).rejects.toThrow(
      `The archive is unsafe: the entry "${name}" points outside the archive's folder, so it was refused.`,
    );
  });

  it('reports links that point outside as links, never as file bytes', async () => {
    const tar = await hostile([
      { name: 'out', type: 'symlink', linkname: '../../../etc/passwd' },
      { name: 'abs', type: 'symlink', linkname: '/etc/shadow' },
      { name: 'hard', type: 'link', linkname: '../etc/passwd' },
    ]);
    const list = await entries(tar, 50, () => true);
    expect(list).toEqual([
      expect.objectContaining({ name: 'out', type: 'symlink', size: 0, linkTarget: '../../../etc/passwd' }),
      expect.objectContaining({ name: 'abs', type: 'symlink', size: 0, linkTarget: '/etc/shadow' }),
      expect.objectContaining({ name: 'hard', type: 'hardlink', size: 0, linkTarget: '../etc/passwd' }),
    ]);
    expect(list.every((e) => e.data === undefined && e.body === undefined)).toBe(true);
  });

  it('says so when the archive ends in the middle of a file, whether the bytes are kept or streamed', async () => {
    const cut = (await tarOneFile('f.bin', Buffer.alloc(10_000, 1))).subarray(0, 512 + 4000);
    await expect(entries(cut, 333, () => true)).rejects.toThrow('The archive ended in the middle of a file.');
    const streamed = (async () => {
      for await (const e of readTar(Readable.from([cut]), () => 'stream')) for await (const _ of e.body!);
    })();
    await expect(streamed).rejects.toThrow('The archive ended in the middle of a file.');
  });

  it('says so when the archive ends inside a header', async () => {
    const cut = (await tarOneFile('f.txt', Buffer.from('x'))).subarray(0, 300);
    await expect(entries(cut)).rejects.toThrow('The archive ended in the middle of a file.');
  });

  it('refuses a header whose checksum does not match', async () => {
    const tar = await tarOneFile('f.txt', Buffer.from('x'));
    tar[0] = 'g'.charCodeAt(0);
    await expect(entries(tar)).rejects.toThrow('The archive is damaged: a header does not match its checksum');
  });

  it('refuses a long-name header above 4 MiB before reading it (an entry cannot make it buffer 100 MiB)', async () => {
    const one = await tarOneFile('f.txt', Buffer.from('x'));
    const bomb = Buffer.concat([forged(one, 'L', 100 << 20), Buffer.alloc(64 * 1024, 0x61)]);
    await expect(entries(bomb)).rejects.toThrow('The archive is damaged: an extended header is larger than 4 MiB.');
  });

  it('reads no further than its consumer: a 64 MiB entry left unread pulls only a few of its bytes', async () => {
    const size = 64 << 20;
    let pulled = 0;
    const header = forged(await tarOneFile('big', Buffer.alloc(0)), '0', size);
    async function* archive() {
      for (let left = size + 512; left > 0; left -= 64 * 1024) {
        const chunk = pulled === 0 ? header : Buffer.alloc(64 * 1024);
        pulled += chunk.length;
        yield chunk;
      }
    }
    const source = Readable.from(archive(), { objectMode: false });
    for await (const e of readTar(source, () => 'stream')) {
      expect(e).toMatchObject({ name: 'big', size });
      for await (const _ of e.body!) break;
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      expect(pulled).toBeLessThan(2 << 20);
      break;
    }
    expect(source.destroyed).toBe(true);
  });
});

describe('tar writer', () => {
  it('fails with a sentence when a body is shorter than its announced size', async () => {
    const tar = writeTar([
      { entry: { name: 'short', type: 'file', size: 10, mode: 0o644, mtime: 0 }, body: [Buffer.from('abc')] },
    ]);
    await expect(
      (async () => {
        for await (const _ of tar);
      })(),
    ).rejects.toThrow('"short" did not have the 10 bytes announced for it.');
  });

  it('keeps a zero permission, long link targets and folders that GNU tar reads back', async () => {
    const link = `${'t'.repeat(150)}/target`;
    const chunks: Buffer[] = [];
    for await (const c of writeTar([
      { entry: { name: 'd', type: 'dir', size: 0, mode: 0o750, mtime: 1700000000 } },
      { entry: { name: 'd/none', type: 'file', size: 2, mode: 0, mtime: 1700000000 }, body: [Buffer.from('hi')] },
      { entry: { name: 'd/l', type: 'symlink', size: 0, mode: 0o777, mtime: 1700000000, linkTarget: link } },
    ]))
      chunks.push(c as Buffer);
    const file = join(dir, 'w.tar');
    writeFileSync(file, Buffer.concat(chunks));
    const listing = execFileSync('tar', ['-tvf', file], { encoding: 'utf8' });
    expect(listing).toMatch(/^drwxr-x--- .* d\/$/m);
    expect(listing).toMatch(/^---------- .* 2 .* d\/none$/m);
    expect(listing).toContain(`d/l -> ${link}`);
  });
});
