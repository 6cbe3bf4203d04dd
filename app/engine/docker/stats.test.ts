import { describe, expect, it } from 'vitest';
import { FrameSplitter } from './log-demux-frames';
import { locateCgroup, parseBlkioV1, parseFlatKeyed, parseIoStatV2, parseMountinfo, parseNetDev } from './stats-cgroup';
import { countersFromEngine, cpuPercent, memoryWithoutCache, sampleFromEngine } from './stats';
import { mapLimit } from './stats-sampler';

const MOUNTINFO_V1 = `31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw`;
const MOUNTINFO_V2 = `29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate`;
const ID = 'f'.repeat(12) + '0'.repeat(52);

describe('cgroup location', () => {
  it('v1 (hybrid): each controller under its mount, the container id checked', () => {
    const proc = `12:pids:/berth-test-1/${ID}\n6:memory:/berth-test-1/${ID}\n4:blkio:/berth-test-1/${ID}\n3:cpu,cpuacct:/berth-test-1/${ID}\n0::/berth-test-1/${ID}\n`;
    expect(locateCgroup(42, ID, proc, parseMountinfo(MOUNTINFO_V1))).toEqual({
      version: 1,
      pid: 42,
      cpuacct: `/sys/fs/cgroup/cpu,cpuacct/berth-test-1/${ID}`,
      memory: `/sys/fs/cgroup/memory/berth-test-1/${ID}`,
      blkio: `/sys/fs/cgroup/blkio/berth-test-1/${ID}`,
      pids: `/sys/fs/cgroup/pids/berth-test-1/${ID}`,
    });
    expect(locateCgroup(42, 'a'.repeat(64), proc, parseMountinfo(MOUNTINFO_V1))).toBeUndefined();
  });

  it('v2 (systemd driver)', () => {
    const proc = `0::/system.slice/docker-${ID}.scope\n`;
    expect(locateCgroup(7, ID, proc, parseMountinfo(MOUNTINFO_V2))).toEqual({
      version: 2,
      pid: 7,
      dir: `/sys/fs/cgroup/system.slice/docker-${ID}.scope`,
    });
  });
});

describe('cgroup and proc parsers', () => {
  it('memory.stat / cpu.stat', () => {
    expect(parseFlatKeyed('cache 100\ntotal_inactive_file 40\n')).toEqual({ cache: 100, total_inactive_file: 40 });
  });
  it('blkio v1 and io.stat v2', () => {
    expect(parseBlkioV1('8:0 Read 4096\n8:0 Write 100\n8:16 Read 4\n8:0 Total 4200\nTotal 4200\n')).toEqual({
      read: 4100,
      write: 100,
    });
    expect(parseIoStatV2('8:0 rbytes=10 wbytes=20 rios=1 wios=2\n8:16 rbytes=1 wbytes=2\n')).toEqual({
      read: 11,
      write: 22,
    });
  });
  it('net/dev without lo', () => {
    const text = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:     500       5    0    0    0     0          0         0      500       5    0    0    0     0       0          0
  eth0:    1000      10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0
  eth1:      10       1    0    0    0     0          0         0       20       2    0    0    0     0       0          0`;
    expect(parseNetDev(text)).toEqual({ rx: 1010, tx: 2020 });
  });
});

describe('engine stats', () => {
  it('memory minus cache: v1 total_inactive_file, else cache; v2 inactive_file', () => {
    expect(memoryWithoutCache(1000, { total_inactive_file: 300, cache: 500 })).toBe(700);
    expect(memoryWithoutCache(1000, { cache: 500 })).toBe(500);
    expect(memoryWithoutCache(1000, { inactive_file: 100 })).toBe(900);
    expect(memoryWithoutCache(1000, { inactive_file: 2000 })).toBe(1000);
  });

  it('CPU % from the difference of two samples, like docker stats', () => {
    const s = {
      read: '2024-01-01T00:00:01Z',
      cpu_stats: { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 4_000_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 2_000_000_000, online_cpus: 2 },
      memory_stats: { usage: 2000, limit: 10000, stats: { total_inactive_file: 500 } },
      networks: { eth0: { rx_bytes: 1, tx_bytes: 2 }, eth1: { rx_bytes: 10, tx_bytes: 20 } },
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'Read', value: 7 },
          { op: 'write', value: 9 },
          { op: 'Total', value: 16 },
        ],
      },
      pids_stats: { current: 3 },
    };
    expect(sampleFromEngine('x', s)).toEqual({
      id: 'x',
      ts: Date.parse('2024-01-01T00:00:01Z'),
      cpuPercent: 50,
      memUsage: 1500,
      memLimit: 10000,
      netRx: 11,
      netTx: 22,
      blkRead: 7,
      blkWrite: 9,
      pids: 3,
    });
    // no system time (cgroup files): wall time
    const a = { ...countersFromEngine('x', {}), ts: 1000, cpuNs: 0 };
    expect(cpuPercent(a, { ...a, ts: 2000, cpuNs: 250_000_000 })).toBeCloseTo(25);
    expect(cpuPercent(a, { ...a, ts: 2000, cpuNs: 0 })).toBe(0);
  });
});

describe('FrameSplitter', () => {
  it('splits frames at any chunking and passes unframed bytes through', () => {
    const frame = (t: number, s: string) =>
      Buffer.concat([Buffer.from([t, 0, 0, 0, 0, 0, 0, Buffer.byteLength(s)]), Buffer.from(s)]);
    const all = Buffer.concat([frame(1, 'out'), frame(2, 'err'), frame(1, '!')]);
    for (let c = 1; c < all.length; c++) {
      const got: Record<string, string> = { stdout: '', stderr: '', stdin: '' };
      const f = new FrameSplitter();
      for (const part of [all.subarray(0, c), all.subarray(c)])
        f.push(part, (s, b) => (got[s] += Buffer.from(b).toString()));
      expect(got).toEqual({ stdout: 'out!', stderr: 'err', stdin: '' });
    }
    let raw = '';
    new FrameSplitter().push(Buffer.from('hello there'), (_s, b) => (raw += Buffer.from(b).toString()));
    expect(raw).toBe('hello there');
  });
});

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (x) => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, x * 3));
      active--;
      return x * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });
});
