import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { readTar } from '../docker/container-files-tar';
import { LOG_TAIL_BYTES, openDiagnosticsBundle, type BundlePart } from './diagnostics-bundle';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function unpack(bytes: AsyncIterable<Buffer>): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const gz = Readable.from(bytes).pipe(createGunzip());
  for await (const e of readTar(gz, () => true)) if (e.data) files.set(e.name, e.data.toString('utf8'));
  return files;
}

describe('openDiagnosticsBundle (the archive, without an engine)', () => {
  it('writes each part in a dated folder, redacted, a failed part as .error.txt, and a README last', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    dirs.push(dir);
    const log = join(dir, 'dockerd.log');
    writeFileSync(log, `${'x'.repeat(LOG_TAIL_BYTES)}\nline after the cut\nlogin password=hunter2\n`);
    const part = (name: string, content: BundlePart['content']): BundlePart => ({
      name,
      about: `about ${name}`,
      content,
    });
    const src = openDiagnosticsBundle(
      [
        part('a.json', async () => ({ json: { token: 'tok-1', name: 'web', Env: ['SECRET=1'] } })),
        part('engine/info.json', async () => {
          throw new Error('Berth cannot reach the engine: it is stopped.');
        }),
        part('engine.log', async () => ({ logFile: log })),
        part('none.txt', async () => ({ none: 'There is no such log.' })),
      ],
      { now: new Date('2026-12-04T10:00:00Z') },
    );
    expect(src.name).toBe('berth-diagnostics-2026-12-04T10-00-00-000Z.tar.gz');
    const files = await unpack(src.bytes);
    const root = 'berth-diagnostics-2026-12-04T10-00-00-000Z';
    expect([...files.keys()]).toEqual([
      `${root}/a.json`,
      `${root}/engine/info.json.error.txt`,
      `${root}/engine.log`,
      `${root}/none.txt`,
      `${root}/README.txt`,
    ]);
    expect(JSON.parse(files.get(`${root}/a.json`)!)).toEqual({ token: '[removed]', name: 'web' });
    expect(files.get(`${root}/engine/info.json.error.txt`)).toContain('it is stopped');
    const tail = files.get(`${root}/engine.log`)!;
    expect(tail).toMatch(/^\[… the first \d+ bytes of the log are left out\]\nline after the cut\n/);
    expect(tail).toContain('password=[removed]');
    expect(tail).not.toContain('hunter2');
    const readme = files.get(`${root}/README.txt`)!;
    // Each file with what it is about, then what was removed from which file.
    for (const line of [
      'a.json: about a.json',
      'engine/info.json.error.txt: about engine/info.json, which could not be collected',
      'none.txt: about none.txt (none: There is no such log.)',
      'a.json: token',
      'a.json: Env (an environment, dropped whole)',
      'engine.log: 1 secret-looking value in the text',
    ])
      expect(readme).toContain(line);
    expect(readme).toMatch(/Never included:\n {2}Environment variables of containers/);
  });
});
