// Before a start: what an earlier crash left behind (pidfile, socket), whether a dockerd still holds
// them, and whether Berth's own engine left running by an earlier session is healthy enough to adopt.
import { existsSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pingUnix } from '../docker/client';
import type { EngineCommand } from './native-config';
import type { NativeEnginePaths } from './paths';
import { argvOf, isAlive, isDockerd } from './processes';

export interface StaleReport {
  /** Human lines about what was recovered, for the progress log. */
  notes: string[];
  /** A dockerd started by Berth earlier (it uses Berth's data-root) that still runs. */
  ownOrphanPid?: number;
  /** A dockerd Berth did not start holding Berth's pidfile: never killed; dockerd will refuse to start. */
  foreignPid?: number;
}

export function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** True when `pid` is a dockerd whose --data-root is `dataRoot`, i.e. Berth's own engine. */
export function isBerthDockerd(pid: number, dataRoot: string): boolean {
  return isDockerd(pid) && argvOf(pid).some((a) => a === `--data-root=${dataRoot}`);
}

export async function inspectStale(p: NativeEnginePaths): Promise<StaleReport> {
  const report: StaleReport = { notes: [] };
  if (existsSync(p.pidfile)) {
    const pid = readPid(p.pidfile);
    if (pid === undefined) {
      rmSync(p.pidfile, { force: true });
      report.notes.push('Removed an unreadable pidfile left by an earlier run');
    } else if (!isAlive(pid)) {
      rmSync(p.pidfile, { force: true });
      report.notes.push(`Removed a stale pidfile (dockerd ${pid} is no longer running)`);
    } else if (isBerthDockerd(pid, p.dataRoot)) {
      report.ownOrphanPid = pid;
      report.notes.push(`Found Berth's engine from an earlier session still running (pid ${pid})`);
    } else if (isDockerd(pid)) {
      report.foreignPid = pid;
      report.notes.push(`Another dockerd (pid ${pid}) holds Berth's pidfile; Berth leaves it alone`);
    } else {
      rmSync(p.pidfile, { force: true });
      report.notes.push(`Removed a stale pidfile (its pid ${pid} now belongs to another program)`);
    }
  }
  // dockerd trusts containerd's pidfile; a pid that is gone or a zombie (never reaped) makes it wait for a containerd that never answers.
  const containerdPidfile = join(p.execRoot, 'containerd', 'containerd.pid');
  if (existsSync(containerdPidfile) && report.ownOrphanPid === undefined && report.foreignPid === undefined) {
    const pid = readPid(containerdPidfile);
    if (pid === undefined || !isAlive(pid)) {
      rmSync(containerdPidfile, { force: true });
      report.notes.push(`Removed a stale containerd pidfile${pid ? ` (containerd ${pid} is no longer running)` : ''}`);
    }
  }
  if (existsSync(p.socket) && report.ownOrphanPid === undefined && report.foreignPid === undefined) {
    const isSocket = statSync(p.socket).isSocket();
    const answer = isSocket ? await pingUnix(p.socket, 1000) : { ok: false };
    if (!answer.ok) {
      rmSync(p.socket, { force: true });
      report.notes.push(
        isSocket
          ? 'Removed a stale engine socket (nothing answers on it)'
          : 'Removed a file in the way of the engine socket',
      );
    }
  }
  return report;
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Why the engine `pid`, left running by an earlier Berth session, cannot be adopted — or undefined when
 * it can: its command line is exactly the dockerd and flags this session would run (so its pidfile,
 * data-root, exec-root and socket are Berth's), its socket exists and /_ping answers on it.
 */
export async function adoptionProblem(
  pid: number,
  p: NativeEnginePaths,
  expected: EngineCommand,
): Promise<string | undefined> {
  const argv = argvOf(pid);
  if (!argv[0] || realpathOr(argv[0]) !== realpathOr(expected.file))
    return `it runs ${argv[0] ?? 'an unknown program'}, not ${expected.file}`;
  const flags = argv.slice(1);
  const differs = Math.max(flags.length, expected.args.length);
  for (let i = 0; i < differs; i++) {
    if (flags[i] === expected.args[i]) continue;
    const had = flags[i] ?? '(nothing)';
    const wants = expected.args[i] ?? '(nothing)';
    return `it was started with other settings (${had} where Berth now uses ${wants})`;
  }
  let isSocket = false;
  try {
    isSocket = statSync(p.socket).isSocket();
  } catch {
    /* below */
  }
  if (!isSocket) return `its socket ${p.socket} is gone`;
  const answer = await pingUnix(p.socket, 2000);
  if (!answer.ok) return `it does not answer /_ping on ${p.socket} (${answer.error ?? 'no answer'})`;
  return undefined;
}
