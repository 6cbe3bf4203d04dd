import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from './client';
import { buildImage, type BuildProgress } from './image-build';

let client: EngineClient;
const tmp = mkdtempSync(join(tmpdir(), 'berth-build-test-'));
const repo = uniqueName('berth-test/build').toLowerCase();

async function collect<T>(it: AsyncIterable<T>, into: T[] = []): Promise<T[]> {
  for await (const x of it) into.push(x);
  return into;
}

function context(name: string, dockerfile: string, files: Record<string, string> = {}): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

afterAll(async () => {
  const refs = (await testEngine().docker(['images', '--format', '{{.Repository}}:{{.Tag}}', repo])).stdout
    .split('\n')
    .filter(Boolean);
  if (refs.length) await testEngine().docker(['rmi', '-f', ...refs]);
  await testEngine().docker(['image', 'prune', '-f', '--filter', `label=${repo}`]);
  rmSync(tmp, { recursive: true, force: true });
});

describe('build', () => {
  it('builds from a context with build args, a tag and no cache, streaming the log', async () => {
    const dir = context(
      'ok',
      `FROM ${fixtures().busybox}\nARG GREETING=hi\nCOPY . /ctx/\nRUN echo "$GREETING from build" > /greeting && cat /greeting\nCMD ["cat", "/greeting"]\n`,
      {
        'hello.txt': 'hello file\n',
        '.dockerignore': 'secret.txt\n**/*.key\n',
        'secret.txt': 'nope\n',
        'sub/inner.key': 'nope\n',
        'sub/ok.txt': 'ok\n',
      },
    );
    const ref = `${repo}:ok`;
    const items = await collect(
      buildImage(client, {
        context: dir,
        tags: [ref],
        buildArgs: { GREETING: 'howdy' },
        noCache: true,
        labels: { [repo]: 'yes' },
      }),
    );
    const logs = items.filter((i) => i.kind === 'log').map((i) => (i as { text: string }).text);
    // the labels option adds a LABEL step at the end
    expect(logs).toContain('Step 1/6 : FROM ' + fixtures().busybox);
    expect(logs).toContain('howdy from build');
    const steps = items.filter((i) => i.kind === 'step');
    expect(steps.map((s) => (s as { step: number }).step)).toEqual([1, 2, 3, 4, 5, 6]);
    const done = items.at(-1) as Extract<BuildProgress, { kind: 'done' }>;
    expect(done.kind).toBe('done');
    expect(done.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(done.tags).toEqual([ref]);
    const run = await testEngine().docker(['run', '--rm', ref]);
    expect(run.stdout).toBe('howdy from build\n');
    const ls = await testEngine().docker([
      'run',
      '--rm',
      ref,
      'sh',
      '-c',
      'cat /ctx/hello.txt; cd /ctx && find . -type f | sort',
    ]);
    // .dockerignore is honoured, also below the top folder: secret.txt and sub/inner.key never reach the engine
    expect(ls.stdout).toBe('hello file\n./.dockerignore\n./Dockerfile\n./hello.txt\n./sub/ok.txt\n');
  });

  it('names the failing step when a build fails', async () => {
    const dir = context('fail', `FROM ${fixtures().busybox}\nRUN echo before\nRUN false\nRUN echo never\n`);
    const seen: BuildProgress[] = [];
    const err = await collect(
      buildImage(client, { context: dir, tags: [`${repo}:fail`], labels: { [repo]: 'yes' } }),
      seen,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'invalid' });
    expect((err as Error).message).toMatch(
      /^The build failed at step 3\/5 \(RUN false\): The command '\/bin\/sh -c false' returned a non-zero code: 1/,
    );
    expect(seen.some((s) => s.kind === 'log' && s.text === 'before')).toBe(true);
    expect((await testEngine().docker(['image', 'inspect', `${repo}:fail`])).code).not.toBe(0);
  });

  it('reports a Dockerfile the engine cannot parse by file and line, without quoting it', async () => {
    const dir = context('parse', `FROM ${fixtures().busybox}\nFOO bar\n`);
    const err = await collect(buildImage(client, { context: dir })).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'invalid',
      field: 'dockerfile',
      message: `The Dockerfile ${join(dir, 'Dockerfile')} is not valid at line 2: unknown instruction. Fix that line, then build again.`,
    });
    expect(JSON.stringify(err)).not.toContain('FOO');
  });

  it('never echoes a file given as the Dockerfile (a secret): its name and line only', async () => {
    const secret = 'TOPSECRET-LINE-1 hunter2';
    const dir = context('secret', `FROM ${fixtures().busybox}\n`, { shadow: `${secret}\nroot:*:20228:0:99999:7:::\n` });
    const seen: BuildProgress[] = [];
    const err = await collect(buildImage(client, { context: dir, dockerfile: 'shadow' }), seen).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      kind: 'invalid',
      field: 'dockerfile',
      message: `The Dockerfile ${join(dir, 'shadow')} is not valid at line 1: unknown instruction. Fix that line, then build again.`,
    });
    expect(JSON.stringify(err) + JSON.stringify(seen)).not.toMatch(/TOPSECRET|hunter2|root:\*/i);
    const empty = context('empty', `FROM ${fixtures().busybox}\n`, { blank: '' });
    const e2 = await collect(buildImage(client, { context: empty, dockerfile: 'blank' })).catch((e: unknown) => e);
    expect(e2).toMatchObject({
      field: 'dockerfile',
      message: `The Dockerfile ${join(empty, 'blank')} has no instructions. Check that it is the right file.`,
    });
  });

  it('reports a FROM image that is not there', async () => {
    const dir = context('nofrom', 'FROM 127.0.0.1:1/berth/nothing:latest\nRUN true\n');
    const err = await collect(buildImage(client, { context: dir })).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unavailable' });
    expect((err as Error).message).toMatch(
      /^The build failed at step 1\/2 \(FROM 127\.0\.0\.1:1\/berth\/nothing:latest\)/,
    );
  });

  it('refuses bad input before the engine', async () => {
    const dir = context('bad', `FROM ${fixtures().busybox}\n`);
    const cases: [Parameters<typeof buildImage>[1], string][] = [
      [{ context: 'relative/dir' }, 'context'],
      [{ context: join(tmp, 'missing') }, 'context'],
      [{ context: dir, dockerfile: '../Dockerfile' }, 'dockerfile'],
      [{ context: dir, dockerfile: 'Nope' }, 'dockerfile'],
      [{ context: dir, tags: ['Bad:Tag'] }, 'tags.0'],
      [{ context: dir, buildArgs: { 'bad name': 'x' } }, 'buildArgs'],
    ];
    const ids = async () => (await testEngine().docker(['images', '-aq'])).stdout.split('\n').sort();
    const before = await ids();
    for (const [opts, field] of cases)
      await expect(collect(buildImage(client, opts))).rejects.toMatchObject({ kind: 'invalid', field });
    expect(await ids()).toEqual(before);
  });
});
