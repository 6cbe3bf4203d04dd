import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from './context';
import { processesUsing } from './cleanup.mjs';

describe('the private test engine', () => {
  it('runs a container from the busybox fixture and reads its output back', async () => {
    const engine = testEngine();
    const name = uniqueName('hello');
    const res = await engine.docker([
      'run',
      '--rm',
      '--name',
      name,
      fixtures().busybox,
      'sh',
      '-c',
      'echo hello from $(uname -s); seq 3',
    ]);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe('hello from Linux\n1\n2\n3\n');
  });

  it('is its own engine, not the system one', async () => {
    const engine = testEngine();
    expect(engine.socket).not.toBe('/var/run/docker.sock');
    const info = JSON.parse((await engine.docker(['info', '--format', '{{json .}}'])).stdout);
    expect(info.DockerRootDir).toBe(engine.dataRoot);
    expect(info.CgroupDriver).toBe('cgroupfs');
  });

  it('is torn down by the reaper when its owner process is killed mid-run', async () => {
    const script = fileURLToPath(new URL('./start-engine-for-test.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const dir = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^ENGINE (.+)$/m.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`engine process exited early (${code}): ${out}`)));
    });
    expect(existsSync(dir)).toBe(true);
    const owner = JSON.parse(readFileSync(`${dir}/owner.json`, 'utf8'));
    expect(processesUsing(dir).length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    const deadline = Date.now() + 30000;
    while ((existsSync(dir) || processesUsing(dir).length) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(dir)).toBe(false);
    expect(processesUsing(dir)).toEqual([]);
    expect(existsSync(`/sys/class/net/${owner.bridge}`)).toBe(false);
  }, 60000);

  it('removes a swarm lab when its owner is killed: engines, the namespaces they run in and the hub', async () => {
    const script = fileURLToPath(new URL('./start-lab-for-test.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const [dir, namespaces] = await new Promise<[string, string[]]>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^LAB (\S+) (\S+)$/m.exec(out);
        if (m) resolve([m[1]!, m[2]!.split(',')]);
      });
      child.on('exit', (code) => reject(new Error(`lab process exited early (${code}): ${out}`)));
    });
    const listNetns = () => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    expect(namespaces).toHaveLength(2);
    for (const ns of namespaces) expect(listNetns()).toContain(ns);
    child.kill('SIGKILL');
    const deadline = Date.now() + 45000;
    while ((existsSync(dir) || namespaces.some((ns) => listNetns().includes(ns))) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(dir)).toBe(false);
    expect(processesUsing(dir)).toEqual([]);
    for (const ns of namespaces) expect(listNetns()).not.toContain(ns);
  }, 90000);
});
