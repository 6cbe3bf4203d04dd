// Container stats for the VM hosts that have a shell into their VM (Lima: `limactl shell`, WSL:
// `wsl -d`): one command per sample for all containers — berth_cgroup_dump with `sh -c`, which reads
// every container's cgroup files with one `head` — instead of one engine stats call per container.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GuestClock, readDumpAnswer, type BulkStatsSource } from '../../docker/stats-dump';
import type { RawCounters } from '../../docker/stats';
import type { RunResult } from './run';

/** The dump script: <resourcesDir>/vm/linux/berth-cgroup-dump, else the repository's copy. */
export function cgroupDumpScript(resourcesDir?: string): string {
  const file = resourcesDir
    ? join(resourcesDir, 'vm', 'linux', 'berth-cgroup-dump')
    : fileURLToPath(new URL('../../../../resources/vm/linux/berth-cgroup-dump', import.meta.url));
  return readFileSync(file, 'utf8');
}

const HEX_ID = /^[0-9a-f]{64}$/;

/** The command (argv) that prints the counters of `ids` inside the VM: `/bin/sh -c SCRIPT berth-stats ID…`. */
export function dumpCommand(script: string, ids: readonly string[]): string[] {
  return ['/bin/sh', '-c', `${script}\nberth_cgroup_dump "$@"`, 'berth-stats', ...ids.filter((id) => HEX_ID.test(id))];
}

/** Runs a command in the VM (argv), with a time limit. */
export type VmShell = (command: string[], opts: { timeoutMs: number; signal?: AbortSignal }) => Promise<RunResult>;

export class ShellStatsSource implements BulkStatsSource {
  private readonly clock = new GuestClock();
  private script: string | undefined;

  constructor(
    readonly label: string,
    private readonly shell: VmShell,
    private readonly resourcesDir?: string,
    private readonly timeoutMs = 10000,
  ) {}

  async read(ids: readonly string[], signal?: AbortSignal): Promise<Map<string, RawCounters>> {
    const full = ids.filter((id) => HEX_ID.test(id));
    if (!full.length) return new Map();
    this.script ??= cgroupDumpScript(this.resourcesDir);
    const res = await this.shell(dumpCommand(this.script, full), {
      timeoutMs: this.timeoutMs,
      ...(signal ? { signal } : {}),
    });
    const text = res.stdout.toString('utf8');
    // `head` exits 1 when a file vanished (a container stopped meanwhile): the rest is still good.
    if (!text.includes('==> ') && res.code !== 0)
      throw new Error(
        `${this.label} could not read the containers' counters (exit code ${res.code}): ${res.stderr.toString('utf8').trim().split('\n').at(-1) ?? ''}`,
      );
    return readDumpAnswer(text, this.clock);
  }
}
