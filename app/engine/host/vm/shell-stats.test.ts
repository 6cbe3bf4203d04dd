// The stats dump script (resources/vm/linux/berth-cgroup-dump) run by the real /bin/sh (dash: Lima's
// and WSL's one command per sample, with `head`) and bash (the VM's control service: no process per
// file) over fake guest trees in the three kernel layouts, parsed by stats-dump.ts.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCgroupDump } from '../../docker/stats-dump';
import { cgroupDumpScript, dumpCommand, ShellStatsSource, type VmShell } from './shell-stats';
import {
  GUEST_MEM_KB,
  guestCgroupTree,
  type FakeGuestContainer,
  type GuestLayout,
} from './test-support/guest-cgroup-tree';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const A = 'a'.repeat(64);
const B = 'b'.repeat(63) + '1';
const STOPPED = 'c'.repeat(64);
const containers: FakeGuestContainer[] = [
  {
    id: A,
    pid: 101,
    cpuUsec: 5_000_000,
    memUsage: 10_000_000,
    inactiveFile: 1_000_000,
    rx: 3000,
    tx: 4000,
    blkRead: 4096,
    blkWrite: 8192,
    pids: 2,
  },
  {
    id: B,
    pid: 202,
    cpuUsec: 7,
    memUsage: 500_000,
    inactiveFile: 0,
    memLimit: 1_000_000,
    rx: 1,
    tx: 2,
    blkRead: 0,
    blkWrite: 0,
    pids: 1,
  },
  { id: STOPPED, pid: 0, cpuUsec: 9, memUsage: 1, inactiveFile: 0, rx: 0, tx: 0, blkRead: 0, blkWrite: 0, pids: 0 },
];

function tree(layout: GuestLayout): string {
  const root = mkdtempSync(join(tmpdir(), `berth-guest-${layout}-`));
  dirs.push(root);
  return guestCgroupTree(root, layout, containers);
}

/** Runs the dump in the VM's way: `shell` is sh (dash) or bash. */
function dump(shell: 'sh' | 'bash', root: string, ids: string[] = []): string {
  const [, ...args] = dumpCommand(cgroupDumpScript(), ids);
  return execFileSync(shell, args, { env: { ...process.env, BERTH_CGROUP_ROOT: root }, encoding: 'utf8' });
}

const GUEST_MEM = GUEST_MEM_KB * 1024;

describe('the stats dump script over fake guest trees (the kernel files of a real VM: qemu-stats.int.test.ts)', () => {
  for (const layout of ['v2-cgroupfs', 'v2-systemd', 'v1-cgroupfs'] as const)
    it(`${layout}: sh (head) and bash (builtins) give the same counters for every running container`, () => {
      const root = tree(layout);
      const viaSh = parseCgroupDump(dump('sh', root, [A, B, STOPPED]), 1000);
      const viaBash = parseCgroupDump(dump('bash', root, [A, B, STOPPED]), 1000);
      expect(viaBash).toEqual(viaSh);
      expect(viaSh.machine).toEqual({ cpus: 2, memTotal: GUEST_MEM, uptimeMs: 1234560 });
      // The stopped container (no process in its cgroup) is not there.
      expect([...viaSh.counters.keys()].sort()).toEqual([A, B]);
      expect(viaSh.counters.get(A)).toEqual({
        id: A,
        ts: 1000,
        cpuNs: 5_000_000_000,
        onlineCpus: 2,
        memUsage: 9_000_000, // without the inactive file cache, as docker stats
        memLimit: GUEST_MEM, // no limit: the VM's memory
        netRx: 3000, // lo left out
        netTx: 4000,
        blkRead: 4096,
        blkWrite: 8192,
        pids: 2,
      });
      expect(viaSh.counters.get(B)).toMatchObject({ cpuNs: 7000, memUsage: 500_000, memLimit: 1_000_000, netRx: 1 });
    });

  it('reads only the ids asked for, and all running containers when none are named', () => {
    const root = tree('v2-cgroupfs');
    expect([...parseCgroupDump(dump('sh', root, [B])).counters.keys()]).toEqual([B]);
    expect([...parseCgroupDump(dump('bash', root, [B])).counters.keys()]).toEqual([B]);
    expect([...parseCgroupDump(dump('bash', root)).counters.keys()].sort()).toEqual([A, B]);
  });

  it('drops anything that is not a full container id from the command line', () => {
    expect(dumpCommand('S', ['abc', A, `${A}; rm -rf /`, 'name'])).toEqual([
      '/bin/sh',
      '-c',
      'S\nberth_cgroup_dump "$@"',
      'berth-stats',
      A,
    ]);
  });

  it('finds containers under another cgroup parent (dockerd --cgroup-parent)', () => {
    const root = tree('v1-cgroupfs');
    const [, ...args] = dumpCommand(cgroupDumpScript(), [A]);
    const env = { ...process.env, BERTH_CGROUP_ROOT: root, BERTH_CGROUP_PARENT: 'elsewhere' };
    expect(parseCgroupDump(execFileSync('sh', args, { env, encoding: 'utf8' })).counters.size).toBe(0);
  });
});

describe('ShellStatsSource: one command per sample for all containers', () => {
  it('runs the dump once per read for every id and returns the running ones', async () => {
    const root = tree('v2-systemd');
    const commands: string[][] = [];
    const shell: VmShell = (command) =>
      new Promise((resolve) => {
        commands.push(command);
        const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, BERTH_CGROUP_ROOT: root } });
        const out: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.alloc(0) }));
      });
    const source = new ShellStatsSource('a test VM', shell);
    const got = await source.read([A, B, STOPPED, 'not-an-id']);
    expect([...got.keys()].sort()).toEqual([A, B]);
    expect(commands).toHaveLength(1);
    expect(commands[0]!.slice(-3)).toEqual([A, B, STOPPED]);
    expect(await source.read(['not-an-id'])).toEqual(new Map());
    expect(commands).toHaveLength(1);
  });

  it('fails with a sentence when the VM cannot run it', async () => {
    const source = new ShellStatsSource('a test VM', async () => ({
      code: 127,
      stdout: Buffer.alloc(0),
      stderr: Buffer.from('sh: 1: head: not found\n'),
    }));
    await expect(source.read([A])).rejects.toThrow(
      "a test VM could not read the containers' counters (exit code 127): sh: 1: head: not found",
    );
  });
});
