// Parsing the stats dump (berth_cgroup_dump's head-style output) and the VM clock its samples keep.
// The script itself runs over fake guest trees in host/vm/shell-stats.test.ts and in a real VM in
// host/vm/qemu-stats.int.test.ts.
import { describe, expect, it } from 'vitest';
import { countCpus, GuestClock, parseCgroupDump, splitDump } from './stats-dump';

const A = 'a'.repeat(64);

describe('parsing a dump', () => {
  it('splits head-style sections and counts CPU lists', () => {
    expect(splitDump('==> /a <==\nx\ny\n\n==> /b <==\n\n==> /c <==\nz\n')).toEqual([
      ['/a', 'x\ny'],
      ['/b', ''],
      ['/c', 'z'],
    ]);
    expect(countCpus('0-3,6\n')).toBe(5);
    expect(countCpus('0')).toBe(1);
  });

  it('skips a container whose files vanished mid-read, and survives any text', () => {
    const text = `==> /sys/fs/cgroup/docker/${A}/cgroup.procs <==\n5\n==> /sys/fs/cgroup/docker/${A}/cpu.stat <==\nusage_usec 3\n`;
    expect(parseCgroupDump(text).counters.size).toBe(0); // no memory.current
    for (const junk of ['', '==> <==', '\u0000\u0001==> x', '==> /proc/uptime <==\nnope', 'a'.repeat(10000)])
      expect(() => parseCgroupDump(junk)).not.toThrow();
  });

  it("keeps samples on the VM's clock, starting over after a reboot", () => {
    const clock = new GuestClock();
    expect(clock.at(10_000, 50_000)).toBe(50_000);
    // The answer came 300 ms late, but the VM read the files 1 s after the first.
    expect(clock.at(11_000, 51_300)).toBe(51_000);
    expect(clock.at(500, 60_000)).toBe(60_000); // uptime went back: a new boot
    expect(clock.at(undefined, 70_000)).toBe(70_000);
  });
});
