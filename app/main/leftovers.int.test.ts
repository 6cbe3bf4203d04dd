// At start, Berth removes what a Berth process that died left behind, with a log line each: the side
// files it was writing (a real process, SIGKILLed mid-write) and volume helper containers on the real
// engine whose owner is gone — and nothing else.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../harness/context';
import { HELPER_LABEL, HELPER_OWNER_LABEL } from '../engine/docker/volume-files';
import { waitFor } from '../engine/host/test-support/native-fixture';
import { createBackend, type Backend } from './backend';

const driver = fileURLToPath(new URL('./test-support/side-file-driver.ts', import.meta.url));
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-leftovers-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

async function backend(dataDir: string, log: string[]): Promise<Backend> {
  const b = await createBackend({
    engineSocket: testEngine().host,
    dataDir,
    log: (l) => log.push(l),
    helperMinAgeSeconds: 0,
  });
  cleanups.push(() => b.close());
  return b;
}

describe('sweeping leftovers at start (real process, real engine)', () => {
  it('removes the side file a SIGKILLed Berth was writing, and only that', async () => {
    const data = tempDir();
    const out = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', driver], {
      env: { ...process.env, DATA_DIR: data, TARGET: join(out, 'app.tar') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const side = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /^SIDE (.+)$/m.exec(d.toString());
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`the driver exited (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Look-alikes the dead process did not record, or that are not plain files, stay.
    const lookAlike = join(out, `other.tar.partial-${child.pid}-abcdef`);
    writeFileSync(lookAlike, 'not recorded');
    const mine = join(out, 'mine.tar');
    writeFileSync(mine, 'the user’s file');
    expect(existsSync(side)).toBe(true);

    const log: string[] = [];
    await backend(data, log);
    expect(existsSync(side)).toBe(false);
    expect(existsSync(lookAlike)).toBe(true);
    expect(existsSync(mine)).toBe(true);
    expect(log).toEqual([`Removed ${side}: a partial file Berth (pid ${child.pid}) was writing when it stopped.`]);
    expect(existsSync(join(data, 'run', `side-files-${child.pid}.list`))).toBe(false);
  }, 30000);

  it('never follows a recorded path that became a link', async () => {
    const data = tempDir();
    const out = tempDir();
    const dead = spawnSync('true').pid;
    const precious = join(out, 'precious');
    writeFileSync(precious, 'keep');
    const linked = join(out, `x.tar.partial-${dead}-abcdef`);
    symlinkSync(precious, linked);
    mkdirSync(join(data, 'run'), { recursive: true });
    writeFileSync(join(data, 'run', `side-files-${dead}.list`), `${linked}\n`);
    const log: string[] = [];
    await backend(data, log);
    expect(existsSync(precious)).toBe(true);
    expect(log).toEqual([]);
  });

  it('removes volume helper containers whose Berth is gone, keeping those of a live one', async () => {
    const dead = spawnSync('true').pid;
    const create = async (owner: string) => {
      const name = uniqueName('helper');
      const r = await testEngine().docker([
        'create',
        '--name',
        name,
        '--label',
        `${HELPER_LABEL}=volume-files`,
        '--label',
        `${HELPER_OWNER_LABEL}=${owner}`,
        fixtures().busybox,
        'true',
      ]);
      expect(r.code).toBe(0);
      cleanups.push(() => testEngine().docker(['rm', '-f', name]));
      return name;
    };
    const orphan = await create(`${hostname()}:${dead}`);
    const live = await create(`${hostname()}:${process.pid}`);
    const log: string[] = [];
    await backend(tempDir(), log);
    await waitFor(() => log.some((l) => l.includes(orphan)), 20000, 'the helper sweep');
    expect(log.find((l) => l.includes(orphan))).toMatch(
      new RegExp(
        `^Removed the helper container ${orphan} \\(\\d+ s old\\) that Berth left while browsing a volume; it pinned that volume\\.$`,
      ),
    );
    const exists = async (n: string) => (await testEngine().docker(['inspect', n])).code === 0;
    expect(await exists(orphan)).toBe(false);
    expect(await exists(live)).toBe(true);
  }, 30000);
});
