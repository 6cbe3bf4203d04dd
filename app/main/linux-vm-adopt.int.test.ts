// Berth's isolated VM and a Berth that dies (real QEMU, `berth serve` as its own process):
// - Berth is SIGKILLed with its VM running and a container inside; the next Berth adopts the same VM
//   (same QEMU process, no reboot) and the container is still running (same StartedAt);
// - a VM that is not healthy for this Berth (here: its engine certificates no longer agree) is shut
//   down cleanly through QMP (the guest's own shutdown: dockerd stopped, disk trimmed) before a new
//   one boots;
// - a VM whose Berth is gone and never comes back shuts itself down after the orphan grace.
// Slow (two boots under emulation here, and the grace); needs qemu-system-x86 and the VM image
// (harness/vm-image.ts builds it once, as root with mmdebstrap).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupEngine } from '../../harness/cleanup.mjs';
import { runDocker, type TestEngine } from '../../harness/engine';
import { buildBusybox } from '../../harness/fixtures';
import { ensureVmImage, holdVmSlot, vmBerthHome } from '../../harness/vm-image';
import { vmStages } from '../../harness/vm-stages';
import { isAlive } from '../engine/host/processes';
import { linuxVmAvailability, qemuPaths } from '../engine/host/vm/qemu-host';
import type { ContainerSummary, EngineStatus } from '../shared/contract';
import type { VmState } from '../shared/contract/areas/vm';
import { connectTestClient, type TestConnection } from './serve/ws-test-client';

const vm = linuxVmAvailability();
if (!vm.available) console.warn(`SKIPPED the Linux VM adoption test: ${vm.reason}`);

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
/** Long enough for the next Berth to start and adopt the VM on a busy machine; short enough to wait for. */
const ORPHAN_GRACE_S = 60;

let home = '';
let releaseSlot: (() => void) | undefined;
let image = '';
const berths: ChildProcess[] = [];
/** What the latest `berth serve` printed (its last 3 000 characters), for a failing stage's message. */
let berthSaid = '';

interface Berth {
  child: ChildProcess;
  c: TestConnection;
}

/** `berth serve` in its own process, on this test's BERTH_HOME; resolves once it serves. */
async function startBerth(): Promise<Berth> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0'], {
    env: {
      ...process.env,
      BERTH_HOME: home,
      BERTH_VM_IMAGE: image,
      BERTH_VM_ORPHAN_GRACE_S: String(ORPHAN_GRACE_S),
      DOCKER_HOST: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  berths.push(child);
  let out = '';
  berthSaid = '';
  const said = (d: Buffer) => {
    out += d.toString();
    berthSaid = out.slice(-3000);
  };
  child.stderr!.on('data', said);
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      said(d);
      const m = /Berth is serving at (\S+)/.exec(out);
      if (m) resolve(new URL(m[1]!));
    });
    child.once('exit', (code) => reject(new Error(`berth serve exited (${code}): ${out}`)));
  });
  const c = await connectTestClient(`${url.protocol}//${url.host}`, url.searchParams.get('token')!);
  return { child, c };
}

async function running(b: Berth, what: string, ms = 400000): Promise<EngineStatus> {
  const end = Date.now() + ms;
  for (;;) {
    const s = await b.c.request<EngineStatus>('engine.status', {});
    if (s.state === 'running') return s;
    if (s.state === 'error') throw new Error(`${what}: ${s.error?.message} ${s.error?.logTail.join('\n')}`);
    if (Date.now() > end) throw new Error(`${what}: still ${s.state} (${s.progress}) after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function kill(b: Berth): Promise<void> {
  await b.c.close().catch(() => undefined);
  const exited = new Promise((r) => b.child.once('exit', r));
  b.child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  if (!vm.available) return;
  image = await ensureVmImage();
  releaseSlot = await holdVmSlot(); // one VM-booting test at a time on this machine
  home = vmBerthHome('vm-adopt', { cpus: 2, memoryGiB: 1, diskGiB: 4, idleMinutes: 0 });
}, 1800000);

afterAll(async () => {
  for (const b of berths) if (b.exitCode === null) b.kill('SIGKILL');
  if (home) await cleanupEngine(home, { graceMs: 5000 });
  releaseSlot?.();
}, 60000);

describe.skipIf(!vm.available)("Berth's isolated VM when Berth dies (real QEMU)", { timeout: 2400000 }, () => {
  it('is adopted with its containers running after a SIGKILL, replaced when unhealthy, and stops itself when orphaned', async () => {
    const files = qemuPaths({ data: join(home, 'data'), config: join(home, 'config') });
    const qemuPid = () => Number(readFileSync(files.pidFile, 'utf8'));
    // Each stage has its own deadline, so a hang names itself with the VM's console (CI shows only that).
    const stage = vmStages(
      { consoleFile: () => files.logFile, qmpSocket: () => files.qmp },
      () => `berth serve printed, last part:\n${berthSaid}`,
    );
    const MIN = 60000;

    // Berth no. 1 boots the VM; a container runs inside.
    const first = await stage('first Berth serves', 2 * MIN, startBerth);
    await stage('first boot', 7 * MIN, () => running(first, 'first boot'));
    const env = (await first.c.request<VmState>('engine.vm', {})).terminalEnv;
    const docker = (args: string[], input?: string | Buffer) => runDocker(env.DOCKER_HOST!, args, input, env);
    const busybox = await stage('busybox image', 3 * MIN, () =>
      buildBusybox({ dir: home, docker } as unknown as TestEngine),
    );
    const keeper = await stage('docker run keeper', 2 * MIN, () =>
      docker(['run', '-d', '--name', 'keeper', busybox, 'sleep', '3600']),
    );
    expect(keeper.code).toBe(0);
    const inspect = async () =>
      (await docker(['inspect', '--format', '{{.State.Running}} {{.State.StartedAt}}', 'keeper'])).stdout.trim();
    const before = await stage('docker inspect keeper', 2 * MIN, inspect);
    expect(before).toMatch(/^true \d{4}-/);
    const pid = qemuPid();

    // Berth no. 1 is killed: the VM stays, with its container.
    await stage('first Berth killed', MIN, () => kill(first));
    expect(isAlive(pid)).toBe(true);

    // Berth no. 2 adopts it: the same QEMU, no reboot, the container still running since the same instant.
    const second = await stage('second Berth serves', 2 * MIN, startBerth);
    await stage('adoption', 7 * MIN, () => running(second, 'adoption'));
    expect(qemuPid()).toBe(pid);
    expect(await stage('docker inspect keeper again', 2 * MIN, inspect)).toBe(before);
    const list = await stage('containers.list', 2 * MIN, () =>
      second.c.request<ContainerSummary[]>('containers.list', { all: true }),
    );
    expect(list.find((x) => x.name === 'keeper')?.state).toBe('running');
    const log = () => readFileSync(files.logFile, 'utf8');
    expect(log()).toContain(`adopted QEMU process ${pid}`);
    expect((await second.c.request<VmState>('engine.vm', {})).terminalEnv).toEqual(env);

    // Berth no. 2 is killed too, and the engine's certificates change (as if its TLS dir were lost):
    // Berth no. 3 cannot use that VM, shuts it down cleanly through QMP, and boots a new one.
    await stage('second Berth killed', MIN, () => kill(second));
    rmSync(files.tls, { recursive: true, force: true });
    const third = await stage('third Berth serves', 2 * MIN, startBerth);
    await stage('replacement boot', 9 * MIN, () => running(third, 'replacement boot'));
    expect(isAlive(pid)).toBe(false);
    const replaced = qemuPid();
    expect(replaced).not.toBe(pid);
    expect(log()).toContain(`the earlier VM (QEMU process ${pid}) powered down cleanly`);
    expect(log()).toMatch(/BERTH-VM-STOPPING \(powerdown\)[\s\S]*BERTH-VM-STOPPED/);
    // The data disk is the same: the container is there, stopped with the old VM.
    const env3 = (await third.c.request<VmState>('engine.vm', {})).terminalEnv;
    const ps = await stage('docker ps', 2 * MIN, () =>
      runDocker(env3.DOCKER_HOST!, ['ps', '-a', '--format', '{{.Names}} {{.State}}'], undefined, env3),
    );
    expect(ps.stdout).toContain('keeper exited');

    // Berth no. 3 is killed and none comes back: the VM stops itself after the grace, cleanly.
    await stage('third Berth killed', MIN, () => kill(third));
    const console = connect(files.console);
    let said = '';
    console.on('data', (d: Buffer) => (said += d.toString()));
    console.on('error', () => undefined);
    const end = Date.now() + (ORPHAN_GRACE_S + 120) * 1000;
    while (isAlive(replaced) && Date.now() < end) await new Promise((r) => setTimeout(r, 500));
    console.destroy();
    expect(isAlive(replaced)).toBe(false);
    expect(said).toMatch(/BERTH-VM-ORPHANED no Berth on the control port for \d+ s/);
    expect(said).toMatch(/BERTH-VM-STOPPING \(orphaned\)[\s\S]*BERTH-VM-STOPPED/);
    expect(existsSync(files.dataDisk)).toBe(true);
  });
});
