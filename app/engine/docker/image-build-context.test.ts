import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contextEntries, isExcluded, packContext, parseDockerignore } from './image-build-context';

const dir = mkdtempSync(join(tmpdir(), 'berth-ctx-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const excluded = (ignore: string, path: string) => isExcluded(parseDockerignore(ignore), path);

describe('.dockerignore patterns (the CLI semantics)', () => {
  it.each([
    ['*.log', 'a.log', true],
    ['*.log', 'sub/a.log', false],
    ['**/*.log', 'sub/deep/a.log', true],
    ['**/*.log', 'a.log', true],
    ['sub', 'sub/x/y', true],
    ['sub/*', 'sub/x', true],
    ['sub/*', 'subway', false],
    ['/abs', 'abs', true],
    ['./rel/../other', 'other/file', true],
    ['?.txt', 'a.txt', true],
    ['?.txt', 'ab.txt', false],
    ['[ab].md', 'b.md', true],
    ['[ab].md', 'c.md', false],
    ['a.b', 'axb', false],
    ['# just a comment', '# just a comment', false],
    ['secret\n!secret', 'secret', false],
    ['*\n!keep', 'keep', false],
    ['*\n!keep', 'other', true],
    ['!keep\n*', 'keep', true],
    ['docs/**\n!docs/README.md', 'docs/README.md', false],
    ['docs/**\n!docs/README.md', 'docs/other.md', true],
  ])('%j on %s → excluded %s', (ignore, path, want) => {
    expect(excluded(ignore, path)).toBe(want);
  });
});

describe('the build context', () => {
  it('leaves out ignored files, walks into ignored folders with exceptions, always keeps the Dockerfile and .dockerignore', () => {
    const ctx = join(dir, 'ctx');
    mkdirSync(join(ctx, 'sub', 'deep'), { recursive: true });
    mkdirSync(join(ctx, 'build', 'keep'), { recursive: true });
    mkdirSync(join(ctx, 'node_modules', 'x'), { recursive: true });
    for (const f of [
      'Dockerfile',
      'app.js',
      'secret.txt',
      'sub/secret2.txt',
      'sub/ok.txt',
      'sub/deep/a.log',
      'build/drop.o',
      'build/keep/me.txt',
      'node_modules/x/i.js',
    ])
      writeFileSync(join(ctx, f), f);
    symlinkSync('app.js', join(ctx, 'link'));
    writeFileSync(
      join(ctx, '.dockerignore'),
      '# ignore\n*\n!app.js\n!link\n!sub\nsub/secret2.txt\n**/*.log\n!build/keep\n',
    );
    const names = contextEntries(ctx, 'Dockerfile').map((e) => `${e.type}:${e.name}`);
    expect(names).toEqual([
      'file:.dockerignore',
      'file:Dockerfile',
      'file:app.js',
      'dir:build/keep',
      'file:build/keep/me.txt',
      'symlink:link',
      'dir:sub',
      'dir:sub/deep',
      'file:sub/ok.txt',
    ]);
  });

  it('packs a tar that GNU tar reads, with file contents, modes and links', async () => {
    const ctx = join(dir, 'pack');
    mkdirSync(join(ctx, 'd'), { recursive: true });
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(ctx, 'd', `${'long-'.repeat(30)}.txt`), Buffer.alloc(70000, 3), { mode: 0o600 });
    symlinkSync('d', join(ctx, 'to-d'));
    const chunks: Buffer[] = [];
    for await (const c of packContext(ctx, 'Dockerfile')) chunks.push(c as Buffer);
    const file = join(dir, 'ctx.tar');
    writeFileSync(file, Buffer.concat(chunks));
    const listing = execFileSync('tar', ['-tvf', file], { encoding: 'utf8' });
    expect(listing).toMatch(/^-rw-r--r-- .* Dockerfile$/m);
    expect(listing).toMatch(new RegExp(`^-rw------- .* 70000 .* d/${'long-'.repeat(30)}\\.txt$`, 'm'));
    expect(listing).toMatch(/^lrwxrwxrwx .* to-d -> d$/m);
    const out = join(dir, 'out');
    mkdirSync(out);
    execFileSync('tar', ['-C', out, '-xf', file]);
    expect(
      execFileSync('cmp', [join(ctx, 'd', `${'long-'.repeat(30)}.txt`), join(out, 'd', `${'long-'.repeat(30)}.txt`)])
        .length,
    ).toBe(0);
  });
});
