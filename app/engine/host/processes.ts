// Small process helpers for the native host: is a pid alive, what is its command line, wait for it to go.
import { readFileSync, readdirSync } from 'node:fs';

/** True for a running process; a zombie (dead, not yet reaped — common when PID 1 does not reap) counts as gone. */
export function isAlive(pid: number | undefined): boolean {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

export function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

/** The process's argv, or [] if it is gone or unreadable. */
export function argvOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** True when `pid` runs a dockerd binary. */
export function isDockerd(pid: number): boolean {
  return /(^|\/)dockerd$/.test(argvOf(pid)[0] ?? '');
}

/** Pids of processes whose command line mentions `needle` (e.g. the engine's exec-root). */
export function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    if (argvOf(pid).some((a) => a.includes(needle))) out.push(pid);
  }
  return out;
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Waits until every pid is gone or `ms` passed; returns those still alive. */
export async function waitGone(pids: number[], ms: number): Promise<number[]> {
  const end = Date.now() + ms;
  while (Date.now() < end && pids.some(isAlive)) await sleep(25);
  return pids.filter(isAlive);
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

/** SIGTERM, then SIGKILL after `graceMs` for whatever is left. Resolves when all are gone (or unkillable). */
export async function terminate(pids: number[], graceMs: number): Promise<void> {
  for (const p of pids) {
    signal(p, 'SIGTERM');
    signal(p, 'SIGCONT');
  }
  const left = await waitGone(pids, graceMs);
  for (const p of left) signal(p, 'SIGKILL');
  await waitGone(left, 3000);
}
