// Small measuring helpers shared by the scenarios.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { BenchResult } from './types';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, returning milliseconds. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * Warms both sides up once, then alternates them `runs` times, so drift on a shared machine weighs on
 * both alike; milliseconds per run.
 */
export async function alternateRuns(
  runs: number,
  berth: () => Promise<unknown>,
  reference: () => Promise<number>,
): Promise<{ berth: number[]; reference: number[] }> {
  await berth();
  await reference();
  const out = { berth: [] as number[], reference: [] as number[] };
  for (let i = 0; i < runs; i++) {
    out.berth.push(...(await timeRuns(1, berth, 0)));
    out.reference.push(await reference());
  }
  return out;
}

/** Runs a command to completion with its output discarded (or piped to /dev/null), timing it in ms. */
export function timeCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${cmd} ${args.join(' ')} failed: ${err}`)),
    );
  });
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** The pids of a process and its children (containerd under dockerd). */
export function withChildren(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean))
      out.push(...withChildren(Number(task)));
  } catch {
    /* gone */
  }
  return out;
}

/** CPU seconds of several processes together; a process that is gone counts as 0. */
export function cpuSecondsOf(pids: number[]): number {
  let sum = 0;
  for (const p of pids) {
    try {
      sum += cpuSeconds(p);
    } catch {
      /* gone */
    }
  }
  return sum;
}

/** Resident memory of a process in MiB, from VmRSS in /proc/<pid>/status. */
export function rssMiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) / 1024;
}

/** Units a row may use; wider than types.ts's BenchResult['unit'] (run.ts renders them all). */
export type Unit = BenchResult['unit'];
export type Row = BenchResult;

/** A result row (kept as a named helper: scenarios read better with it). */
export function row(r: Row): BenchResult {
  return r;
}
