// The page's tar writer: read back by a tar reader written here from the ustar/PAX layout (the
// engine-side reader is Node's and the renderer may not import it); the real engine unpacks these
// tars in e2e/volumes.spec.ts.
import { describe, expect, it } from 'vitest';
import { tarBlob, tarPathProblem } from './tar-blob';

const text = (b: Uint8Array, at: number, len: number) =>
  new TextDecoder().decode(b.subarray(at, at + len)).replace(/\0.*$/s, '');

async function entries(blob: Blob): Promise<{ path: string; body: string }[]> {
  const b = new Uint8Array(await blob.arrayBuffer());
  expect(b.length % 512).toBe(0);
  const out: { path: string; body: string }[] = [];
  let paxPath: string | undefined;
  for (let at = 0; at + 512 <= b.length;) {
    const h = b.subarray(at, at + 512);
    if (h.every((x) => x === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    expect(parseInt(text(h, 148, 8), 8)).toBe(sum);
    expect(text(h, 257, 6)).toBe('ustar');
    const size = parseInt(text(h, 124, 12), 8);
    const body = new TextDecoder().decode(b.subarray(at + 512, at + 512 + size));
    const type = text(h, 156, 1);
    if (type === 'x') paxPath = /\d+ path=(.*)\n/.exec(body)![1];
    else {
      const prefix = text(h, 345, 155);
      out.push({ path: paxPath ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100)), body });
      paxPath = undefined;
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

const file = (path: string, body: string) => ({ path, file: new Blob([body]), lastModified: 1_700_000_000_000 });

describe('tarBlob', () => {
  it('writes files with their folders, long paths in the prefix or a PAX record', async () => {
    const long = `${'deep/'.repeat(30)}file.txt`;
    const longName = `dir/${'n'.repeat(120)}.txt`;
    const tar = tarBlob([
      file('a.txt', 'hello'),
      file('site/css/x.css', 'body{}'),
      file(long, 'L'),
      file(longName, 'N'),
    ]);
    expect(await entries(tar)).toEqual([
      { path: 'a.txt', body: 'hello' },
      { path: 'site/css/x.css', body: 'body{}' },
      { path: long, body: 'L' },
      { path: longName, body: 'N' },
    ]);
  });

  it('keeps file contents as Blob parts (the tar is only headers around them) and ends with two zero blocks', async () => {
    const big = new Blob([new Uint8Array(700_000)]);
    const tar = tarBlob([{ path: 'big.bin', file: big, lastModified: 0 }]);
    expect(tar.size).toBe(512 + Math.ceil(700_000 / 512) * 512 + 1024);
  });

  it('refuses absolute paths and "." or ".." parts', () => {
    expect(tarPathProblem('/etc/passwd')).toMatch(/not a relative/);
    expect(tarPathProblem('a/../../b')).toMatch(/"\.\."/);
    expect(tarPathProblem('a//b')).toMatch(/empty/);
    expect(tarPathProblem('a/b')).toBeUndefined();
    expect(() => tarBlob([file('../up', 'x')])).toThrow(/"\.\." part/);
  });
});
