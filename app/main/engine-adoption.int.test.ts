// `berth serve` killed with SIGKILL and started again, with Berth's own engine under BERTH_HOME: the
// engine it left running is adopted, so a running container keeps running with the same StartedAt
// under the same dockerd; a normal quit afterwards stops that engine as before.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { processesUsing } from '../../harness/cleanup.mjs';
import { runDocker, type TestEngine } from '../../harness/engine';
import { buildBusybox } from '../../harness/fixtures';
import { pingUnix } from '../engine/docker/client';
import { berthPaths, nativeEnginePaths } from '../engine/host/paths';
import { isAlive } from '../engine/host/processes';
import { createTempHome, type TempHome } from '../engine/host/test-support/temp-home';
import { waitFor } from '../engine/host/test-support/native-fixture';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const children: ChildProcess[] = [];
const homes: TempHome[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const h of homes.splice(0)) await h.cleanup();
});

/** Starts `berth serve` on `home` and resolves once it says where it serves. */
async function serve(home: TempHome): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0'], {
    env: { ...process.env, BERTH_HOME: home.dir, DOCKER_HOST: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Berth is serving at http://127.0.0.1:')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`berth serve exited (${code}): ${out}`)));
  });
  return child;
}

const exited = (c: ChildProcess) =>
  new Promise<number | null>((r) => (c.exitCode !== null || c.signalCode ? r(c.exitCode) : c.once('exit', r)));

describe('berth serve after a SIGKILL (real dockerd under BERTH_HOME)', () => {
  it('adopts the engine it left running: same dockerd, the container still runs with the same StartedAt', async () => {
    const home = createTempHome('adopt');
    homes.push(home);
    const engine = nativeEnginePaths(berthPaths({ BERTH_HOME: home.dir }));
    // Berth chooses its engine network once and keeps it in the engine dir: give it one nothing else uses.
    mkdirSync(engine.dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(engine.dir, 'network.json'), JSON.stringify(home.network));
    const docker = (args: string[], input?: Buffer) => runDocker(`unix://${engine.socket}`, args, input);

    const first = await serve(home);
    await waitFor(async () => (await pingUnix(engine.socket, 500)).ok, 60000, "Berth's engine to answer");
    const image = await buildBusybox({ dir: home.dir, docker } as unknown as TestEngine);
    const run = await docker([
      'run',
      '-d',
      '--name',
      'survivor',
      image,
      'sh',
      '-c',
      'trap "exit 0" TERM; sleep 600 & wait',
    ]);
    expect(run.code).toBe(0);
    const inspect = async () =>
      (await docker(['inspect', '-f', '{{.State.Running}} {{.State.StartedAt}}', 'survivor'])).stdout.trim();
    const before = await inspect();
    expect(before).toMatch(/^true /);
    const pid = Number(readFileSync(engine.pidfile, 'utf8'));

    first.kill('SIGKILL');
    await exited(first);
    expect(isAlive(pid)).toBe(true);

    const second = await serve(home);
    await waitFor(
      () => readFileSync(engine.logFile, 'utf8').includes(`engine running (pid ${pid}, adopted)`),
      60000,
      'the second berth serve to adopt the engine',
    );
    expect(Number(readFileSync(engine.pidfile, 'utf8'))).toBe(pid);
    expect(await inspect()).toBe(before);

    // A normal quit stops the adopted engine as it would its own child: nothing of it is left.
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    expect(isAlive(pid)).toBe(false);
    expect(processesUsing(engine.dir)).toEqual([]);
  }, 180000);
});
