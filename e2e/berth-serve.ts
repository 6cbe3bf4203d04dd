// Starts `berth serve` (the built bundle) as its own process and resolves with the address it prints;
// stops one that ran its own engine and removes what it left.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ServeProcess } from '../harness/serve-process';
export { startBerthServe, type ServeProcess } from '../harness/serve-process';

/** Pids of processes whose command line names `dir` (the managed dockerd and containerd). */
export function processesNaming(dir: string): number[] {
  const r = spawnSync('pgrep', ['-f', dir], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((p) => p !== process.pid);
}

/**
 * Stops a `berth serve` that ran its own engine with BERTH_HOME `home` (Berth stops its engine on
 * exit), ends anything still naming the home, and removes it.
 */
export async function stopManagedServe(serve: ServeProcess | undefined, home: string): Promise<void> {
  if (serve) {
    serve.child.kill('SIGTERM');
    await new Promise((r) => (serve.child.exitCode !== null ? r(null) : serve.child.once('exit', r)));
  }
  if (!home) return;
  for (const pid of processesNaming(home)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  spawnSync('umount', ['-R', '-l', join(home, 'data')], { stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
}
