// The host's end of the stats requests on the VM's control port: answers told apart by SEQ, cut at
// any chunking, late or oversized answers refused, a guest that never answers timed out. The guest's
// end (berth-guest-control) answers for real in qemu-stats.int.test.ts.
import { describe, expect, it } from 'vitest';
import { GuestStatsChannel } from './guest-stats';

const A = 'a'.repeat(64);
const answer = (seq: number, cpuUsec = 5) =>
  `==> berth-stats ${seq} <==\n` +
  `==> /proc/uptime <==\n12.5 3.0\n\n==> /sys/devices/system/cpu/online <==\n0-1\n\n` +
  `==> /proc/meminfo <==\nMemTotal:        2000000 kB\n\n` +
  `==> /sys/fs/cgroup/docker/${A}/cgroup.procs <==\n7\n\n` +
  `==> /sys/fs/cgroup/docker/${A}/cpu.stat <==\nusage_usec ${cpuUsec}\n\n` +
  `==> /sys/fs/cgroup/docker/${A}/memory.current <==\n4096\n\n` +
  `==> berth-stats-end ${seq} <==\n`;
/** Requests are queued: each is written a turn of the event loop later. */
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('GuestStatsChannel: stats requests on the control port', () => {
  it('writes one line for all ids and parses the answer, whatever the chunking', async () => {
    const lines: string[] = [];
    const ch = new GuestStatsChannel((l) => (lines.push(l), true));
    const got = ch.read([A, 'not-an-id']);
    await tick();
    expect(lines).toEqual([`stats 1 ${A}\n`]);
    const bytes = Buffer.from(`BERTH noise\n${answer(1)}`);
    for (let i = 0; i < bytes.length; i += 7) ch.onData(bytes.subarray(i, i + 7));
    const m = await got;
    expect(m.get(A)).toMatchObject({ cpuNs: 5000, onlineCpus: 2, memUsage: 4096 });
  });

  it('drops a late answer to an earlier request and takes the one with its own SEQ', async () => {
    const lines: string[] = [];
    const ch = new GuestStatsChannel((l) => (lines.push(l), true), 50);
    await expect(ch.read([A])).rejects.toThrow("Berth's VM did not answer a stats request within 0.05 s.");
    const second = ch.read([A]);
    await tick();
    expect(lines.at(-1)).toBe(`stats 2 ${A}\n`);
    ch.onData(Buffer.from(answer(1, 111) + answer(2, 222)));
    expect((await second).get(A)?.cpuNs).toBe(222_000);
  });

  it('refuses an answer past 16 MiB (noise before an answer is not kept), and says when the port is not held', async () => {
    const ch = new GuestStatsChannel(() => true);
    const got = ch.read([A]);
    await tick();
    ch.onData(Buffer.from('==> berth-stats 1 <==\n'));
    const mib = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < 17; i++) ch.onData(mib);
    await expect(got).rejects.toThrow("Berth's VM sent more than 16777216 bytes of stats.");
    await expect(new GuestStatsChannel(() => false).read([A])).rejects.toThrow("Berth's VM control port is not open.");
    expect(await new GuestStatsChannel(() => true).read(['nope'])).toEqual(new Map());
  });

  it('one request at a time: the second is written after the first is answered', async () => {
    const lines: string[] = [];
    const ch = new GuestStatsChannel((l) => (lines.push(l), true));
    const one = ch.read([A]);
    const two = ch.read([A]);
    await tick();
    expect(lines).toHaveLength(1);
    ch.onData(Buffer.from(answer(1)));
    await one;
    await tick();
    expect(lines).toHaveLength(2);
    ch.onData(Buffer.from(answer(2)));
    expect((await two).size).toBe(1);
  });
});
