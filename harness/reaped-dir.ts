// Temp dirs whose processes die with the test process that made them. The reaper (reaper.mjs: a
// detached watchdog, the one every test engine gets) watches this process; when it is gone —
// finished, crashed, or killed by a timeout — it stops every process whose command line names the
// dir (a test engine's dockerd, a VM's QEMU, which runs in its own session and would otherwise
// outlive the test) and removes the dir. sweepStaleEngines() is the backstop for a killed reaper.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OWNER_FILE } from './cleanup.mjs';

/** Dirs made by reapedTempDir() start so (the stale sweep looks for them). */
export const REAPED_PREFIX = 'berth-reaped-';

/** Starts the reaper for `dir`, watching this process. */
export function spawnReaper(dir: string): void {
  const reaper = spawn(
    process.execPath,
    [fileURLToPath(new URL('./reaper.mjs', import.meta.url)), String(process.pid), dir],
    { detached: true, stdio: 'ignore' },
  );
  reaper.unref();
}

/** A new temp dir, registered with the reaper: whatever runs from it is stopped when this process ends. */
export function reapedTempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${REAPED_PREFIX}${name}-`));
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify({ ownerPid: process.pid }));
  spawnReaper(dir);
  return dir;
}
