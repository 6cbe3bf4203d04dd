// A fake guest file tree for the stats dump script (resources/vm/linux/berth-cgroup-dump): the cgroup
// files of containers as the kernel lays them out for dockerd's cgroupfs driver on cgroup v2 (Berth's
// VM), the systemd driver on v2 (Lima's Debian), and cgroupfs on v1 (WSL 2's default kernel), plus
// /proc/<pid>/net/dev, /proc/uptime, /proc/meminfo and the online CPUs. The script reads it through
// BERTH_CGROUP_ROOT; the real kernel's files are read by the VM test (qemu-stats.int.test.ts) and
// the host engine's real v1 files (shell-stats.int.test.ts).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type GuestLayout = 'v2-cgroupfs' | 'v2-systemd' | 'v1-cgroupfs';

export interface FakeGuestContainer {
  id: string;
  /** Its first process; 0: the cgroup has no process left (stopped). */
  pid: number;
  cpuUsec: number;
  memUsage: number;
  inactiveFile: number;
  /** Bytes; undefined: no limit ("max" / a huge v1 number). */
  memLimit?: number;
  rx: number;
  tx: number;
  blkRead: number;
  blkWrite: number;
  pids: number;
}

export const GUEST_MEM_KB = 2_000_000;

/** One running container and one whose cgroup has no process left (stopped). */
export const STATS_CONTAINERS: FakeGuestContainer[] = [
  {
    id: 'd'.repeat(64),
    pid: 300,
    cpuUsec: 42,
    memUsage: 5000,
    inactiveFile: 0,
    rx: 10,
    tx: 20,
    blkRead: 0,
    blkWrite: 0,
    pids: 3,
  },
  {
    id: 'e'.repeat(64),
    pid: 0,
    cpuUsec: 1,
    memUsage: 1,
    inactiveFile: 0,
    rx: 0,
    tx: 0,
    blkRead: 0,
    blkWrite: 0,
    pids: 0,
  },
];

function put(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const netDev = (c: FakeGuestContainer) =>
  'Inter-|   Receive                                                |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
  '    lo:     500       5    0    0    0     0          0         0      500       5    0    0    0     0       0          0\n' +
  `  eth0: ${c.rx}     12    0    0    0     0          0         0 ${c.tx}       9    0    0    0     0       0          0\n`;

/** Writes the tree under `root`; returns `root`. */
export function guestCgroupTree(root: string, layout: GuestLayout, containers: FakeGuestContainer[]): string {
  put(join(root, 'proc/uptime'), '1234.56 2000.00\n');
  put(join(root, 'proc/meminfo'), `MemTotal:        ${GUEST_MEM_KB} kB\nMemFree:          1000000 kB\n`);
  put(join(root, 'sys/devices/system/cpu/online'), '0-1\n');
  const cg = join(root, 'sys/fs/cgroup');
  if (layout !== 'v1-cgroupfs') put(join(cg, 'cgroup.controllers'), 'cpuset cpu io memory pids\n');
  for (const c of containers) {
    if (c.pid) put(join(root, `proc/${c.pid}/net/dev`), netDev(c));
    const procs = c.pid ? `${c.pid}\n${c.pid + 1}\n` : '';
    if (layout === 'v1-cgroupfs') {
      const at = (ctl: string, f: string, text: string) => put(join(cg, ctl, 'docker', c.id, f), text);
      at('cpu,cpuacct', 'cgroup.procs', procs);
      // The memory hierarchy nests the container elsewhere (as under a sandbox's memory cgroup): only
      // /proc/PID/cgroup says where.
      const mem = (f: string, text: string) => put(join(cg, 'memory', 'sandbox', 'docker', c.id, f), text);
      if (c.pid)
        put(
          join(root, `proc/${c.pid}/cgroup`),
          `9:pids:/docker/${c.id}\n4:memory:/sandbox/docker/${c.id}\n3:cpu,cpuacct:/docker/${c.id}\n2:blkio:/docker/${c.id}\n`,
        );
      mem('memory.usage_in_bytes', `${c.memUsage}\n`);
      mem('memory.limit_in_bytes', `${c.memLimit ?? 9223372036854771712}\n`);
      mem('memory.stat', `cache 100\nrss 200\ntotal_inactive_file ${c.inactiveFile}\n`);
      at('cpu,cpuacct', 'cpuacct.usage', `${c.cpuUsec * 1000}\n`);
      at(
        'blkio',
        'blkio.throttle.io_service_bytes_recursive',
        `8:0 Read ${c.blkRead}\n8:0 Write ${c.blkWrite}\nTotal 0\n`,
      );
      at('pids', 'pids.current', `${c.pids}\n`);
      continue;
    }
    const dir = layout === 'v2-cgroupfs' ? join(cg, 'docker', c.id) : join(cg, 'system.slice', `docker-${c.id}.scope`);
    put(join(dir, 'cgroup.procs'), procs);
    put(join(dir, 'cpu.stat'), `usage_usec ${c.cpuUsec}\nuser_usec 1\nsystem_usec 2\n`);
    put(join(dir, 'memory.current'), `${c.memUsage}\n`);
    put(join(dir, 'memory.max'), c.memLimit === undefined ? 'max\n' : `${c.memLimit}\n`);
    put(join(dir, 'memory.stat'), `anon 10\nfile 20\ninactive_file ${c.inactiveFile}\n`);
    put(join(dir, 'io.stat'), `8:0 rbytes=${c.blkRead} wbytes=${c.blkWrite} rios=1 wios=2\n`);
    put(join(dir, 'pids.current'), `${c.pids}\n`);
  }
  // The v1 hierarchy's usual alias for the cpu,cpuacct mount.
  if (layout === 'v1-cgroupfs') symlinkSync('cpu,cpuacct', join(cg, 'cpuacct'));
  return root;
}
