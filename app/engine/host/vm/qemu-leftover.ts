// A VM an earlier Berth left running (it crashed, or was killed): found through the pidfile in
// Berth's data dir, recognised by its /proc command line, asked through QMP whether it runs, and its
// engine asked over mutual TLS with Berth's current certificates. A healthy one is adopted (no reboot:
// its containers keep running); any other is shut down cleanly through QMP before a new one starts.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pingLoopback } from '../../docker/client';
import { argvOf, isAlive, sleep } from '../processes';
import type { EngineTlsMaterial } from './engine-tls';
import type { VmImage } from './image';
import { parseQemuArgs, type QemuRuntimeFiles, type RunningQemu } from './qemu-command';
import { connectWhenReady } from './qemu-channels';
import { withQmp } from './qmp';

export interface LeftoverVm extends RunningQemu {
  pid: number;
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** When `pid` started (clock ticks after boot: /proc/<pid>/stat field 22), so a reused pid is not taken for it. */
function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** The Berth process that holds the VM (owner.json), when it still runs; undefined when none does. */
export function liveOwner(files: QemuRuntimeFiles): number | undefined {
  try {
    const o = JSON.parse(readFileSync(files.owner, 'utf8')) as { berthPid?: unknown; berthStart?: unknown };
    if (typeof o.berthPid !== 'number' || !isAlive(o.berthPid)) return undefined;
    return startTicks(o.berthPid) === o.berthStart ? o.berthPid : undefined;
  } catch {
    return undefined;
  }
}

/** Records this Berth process as the VM's holder. */
export function writeOwner(files: QemuRuntimeFiles, vmPid: number): void {
  const record = { berthPid: process.pid, berthStart: startTicks(process.pid), vmPid, since: new Date().toISOString() };
  writeFileSync(files.owner, `${JSON.stringify(record)}\n`, { mode: 0o600 });
}

/** Removes what a VM that no longer runs left behind (its pidfile, sockets and owner record). */
export function clearRuntimeFiles(files: QemuRuntimeFiles): void {
  for (const f of [files.pidFile, files.qmp, files.console, files.control, files.owner]) rmSync(f, { force: true });
}

/** The QEMU the pidfile names, when it still runs this data dir's VM; otherwise the stale files go. */
export function findLeftoverVm(files: QemuRuntimeFiles, dataDisk: string): LeftoverVm | undefined {
  const pid = readPid(files.pidFile);
  const running = pid !== undefined && isAlive(pid) ? parseQemuArgs(argvOf(pid), files, dataDisk) : undefined;
  if (!pid || !running) {
    clearRuntimeFiles(files);
    return undefined;
  }
  return { pid, ...running };
}

/** Why a leftover VM cannot be adopted, or undefined when it can. */
export async function leftoverProblem(
  vm: LeftoverVm,
  files: QemuRuntimeFiles,
  image: VmImage,
  tls: EngineTlsMaterial,
): Promise<string | undefined> {
  if (vm.kernel !== image.kernel || vm.initramfs !== image.initramfs || vm.root !== image.root)
    return `it booted another image (${vm.kernel}) than Berth uses now (${image.kernel})`;
  const status = await withQmp(files.qmp, (q) => q.execute<{ status?: string }>('query-status'));
  if (!status.ok) return `QEMU does not answer on its control socket (${status.error})`;
  if (status.value.status !== 'running') return `QEMU reports it as "${status.value.status ?? 'unknown'}"`;
  // Mutual TLS with Berth's current certificates: the engine must trust Berth's client certificate and
  // present a server certificate from Berth's CA; anything else is not this Berth's engine.
  const ping = await pingLoopback(vm.port, 5000, tls);
  if (!ping.ok) return `its engine does not answer with Berth's certificates (${ping.error ?? 'no answer'})`;
  return undefined;
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (isAlive(pid) && Date.now() < end) await sleep(100);
  return !isAlive(pid);
}

/**
 * Shuts a VM down through QMP: the ACPI power button (the guest stops dockerd, trims and unmounts
 * its data disk, powers off), then `quit` after `graceMs`, then SIGKILL. Returns how it ended.
 */
export async function powerDownVm(
  pid: number,
  files: QemuRuntimeFiles,
  graceMs = 60000,
): Promise<'powered-down' | 'quit' | 'killed'> {
  const pressed = await withQmp(files.qmp, (q) => q.execute('system_powerdown'));
  if (pressed.ok && (await waitGone(pid, graceMs))) return 'powered-down';
  await withQmp(files.qmp, (q) => q.execute('quit'));
  if (await waitGone(pid, 5000)) return 'quit';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone meanwhile */
  }
  await waitGone(pid, 5000);
  return 'killed';
}

/**
 * Shuts down a VM Berth cannot use (powerDownVm), with its console going to `onConsole` meanwhile so
 * the log shows how it stopped; returns a line for the log saying how it ended.
 */
export async function retireLeftoverVm(
  vm: LeftoverVm,
  files: QemuRuntimeFiles,
  graceMs: number,
  onConsole: (b: Buffer) => void,
): Promise<string> {
  const con = await connectWhenReady(files.console, () => !isAlive(vm.pid), 2000);
  con?.on('data', onConsole);
  const how = await powerDownVm(vm.pid, files, graceMs);
  con?.destroy();
  clearRuntimeFiles(files);
  const which = `the earlier VM (QEMU process ${vm.pid})`;
  if (how === 'powered-down') return `${which} powered down cleanly`;
  if (how === 'quit') return `${which} did not power down within ${graceMs / 1000} s; QEMU was told to quit`;
  return `${which} did not quit; it was killed`;
}
