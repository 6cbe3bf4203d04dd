// The stats dump script over a real kernel's cgroup files (this machine's cgroup v1, the test engine's
// containers), as Lima and WSL run it: one `sh -c` command for every container — here on this machine
// instead of in a VM — compared with Berth's own per-container cgroup reader on the same files.
import { spawn } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../../harness/context';
import { connectEngine, type EngineClient } from '../../docker/client';
import { inspectContainer } from '../../docker/containers';
import { locateCgroup, readCgroupCounters, type CgroupLocation } from '../../docker/stats-cgroup';
import { ShellStatsSource, type VmShell } from './shell-stats';

let client: EngineClient;
const ids: string[] = [];
const locs = new Map<string, CgroupLocation>();
let parent = '';

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  for (const [i, limit] of [
    [0, '64m'],
    [1, ''],
  ] as const) {
    const r = await testEngine().docker([
      'run',
      '-d',
      '--name',
      uniqueName(`dump-${i}`),
      ...(limit ? ['--memory', limit] : []),
      fixtures().busybox,
      'sh',
      '-c',
      'head -c 3000000 /dev/urandom > /tmp/f; sleep 3600',
    ]);
    ids.push(r.stdout.trim());
  }
  await new Promise((r) => setTimeout(r, 1000));
  for (const id of ids) {
    const info = await inspectContainer(client, id);
    const loc = locateCgroup(info.State!.Pid!, id);
    if (!loc) throw new Error(`no cgroup found for ${id}`);
    locs.set(id, loc);
    // The test engine's --cgroup-parent: the directory above the container's.
    parent = basename(dirname(loc.version === 1 ? loc.cpuacct : loc.dir));
  }
});
afterAll(async () => {
  await testEngine().docker(['rm', '-f', ...ids]);
});

/** This machine in place of a VM: the command runs here, its cgroup parent named. */
const here: VmShell = (command) =>
  new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, BERTH_CGROUP_PARENT: parent } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });

describe('the stats dump over real cgroup files (this machine, the test engine)', () => {
  it("reads every container's counters in one command, as Berth's own cgroup reader does", async () => {
    const got = await new ShellStatsSource('this machine', here).read([...ids, 'f'.repeat(64)]);
    expect([...got.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const mine = got.get(id)!;
      const local = await readCgroupCounters(id, locs.get(id)!);
      expect(mine.pids).toBe(local.pids);
      expect(mine.memLimit).toBe(local.memLimit);
      expect(Math.abs(mine.memUsage - local.memUsage)).toBeLessThan(1024 * 1024);
      expect(mine.cpuNs).toBeGreaterThan(0);
      expect(mine.cpuNs).toBeLessThanOrEqual(local.cpuNs);
      expect(mine.netRx).toBeLessThanOrEqual(local.netRx);
      expect(mine.blkWrite).toBeLessThanOrEqual(local.blkWrite);
    }
    expect(got.get(ids[0]!)!.memLimit).toBe(64 * 1024 * 1024);
  });
});
