// Berth's isolated Linux VM through the contract, for real (QEMU, software emulation where KVM is not
// usable): chosen as the engine, resources from settings with "restart needed because …", the disk,
// a restart that applies them, and the idle saver stopping the VM and the next request waking it.
// The VM boots with accel "auto" as in the app: KVM when QEMU can use it, else software emulation
// (here /dev/kvm is PVM, which Debian's kernel cannot run on, so the VM is emulated).
// Slow (three boots); needs qemu-system-x86, and the VM image (harness/vm-image.ts builds it once, as
// root with mmdebstrap; the backend finds it through BERTH_VM_IMAGE).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linuxVmAvailability } from '../engine/host/vm/qemu-host';
import { ensureVmImage, holdVmSlot, vmBerthHome } from '../../harness/vm-image';
import type { ContainerSummary, EngineInfo, EngineStatus } from '../shared/contract';
import type { EngineChoices } from '../shared/contract/areas/system';
import type { VmState } from '../shared/contract/areas/vm';
import { runDocker } from '../../harness/engine';
import { createBackend, type Backend } from './backend';
import { startServer, type RunningServer } from './serve/server';
import { connectTestClient, type TestConnection } from './serve/ws-test-client';

const vm = linuxVmAvailability();
if (!vm.available) console.warn(`SKIPPED the Linux VM contract test: ${vm.reason}`);

/** The idle saver's "minute" in this test. */
const MINUTE_MS = 1000;

let home = '';
let releaseSlot: (() => void) | undefined;
let backend: Backend | undefined;
let server: RunningServer | undefined;
let c: TestConnection;

async function until(what: string, ok: (s: EngineStatus) => boolean, ms: number): Promise<EngineStatus> {
  const end = Date.now() + ms;
  for (;;) {
    const s = await c.request<EngineStatus>('engine.status', {});
    if (ok(s)) return s;
    if (s.state === 'error') throw new Error(`${what}: ${s.error?.message} ${s.error?.logTail.join('\n')}`);
    if (Date.now() > end) throw new Error(`${what}: still ${s.state} (${s.progress}) after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  if (!vm.available) return;
  process.env.BERTH_VM_IMAGE = await ensureVmImage();
  releaseSlot = await holdVmSlot(); // one VM-booting test at a time on this machine
  home = vmBerthHome('vm-home', { cpus: 2, memoryGiB: 1, diskGiB: 9, idleMinutes: 0 });
  process.env.BERTH_HOME = home;
  backend = await createBackend({ idleMinuteMs: MINUTE_MS });
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    rendererDir: home,
    backend,
  });
  c = await connectTestClient(`http://127.0.0.1:${server.port}`, server.token);
}, 1800000);

afterAll(async () => {
  await c?.close();
  await server?.close();
  await backend?.close();
  if (home) rmSync(home, { recursive: true, force: true });
  delete process.env.BERTH_HOME;
  delete process.env.BERTH_VM_IMAGE;
  releaseSlot?.();
}, 120000);

describe.skipIf(!vm.available)(
  "Berth's isolated Linux VM through the contract (real QEMU)",
  { timeout: 600000 },
  () => {
    it('runs as the chosen engine, applies resources on restart, and sleeps when idle until the next request', async () => {
      const up = await until('first boot', (s) => s.state === 'running', 300000);
      expect(up.kind).toBe('linux-vm');
      const engines = await c.request<EngineChoices>('engine.engines', {});
      expect(engines.active).toEqual({ kind: 'linux-vm' });
      expect(engines.linuxVm).toEqual(vm);

      const first = await c.request<VmState>('engine.vm', {});
      expect(first).toMatchObject({
        kind: 'linux-vm',
        label: "Berth's isolated VM (QEMU)",
        settings: { cpus: 2, memoryGiB: 1, diskGiB: 9, idleMinutes: 0 },
        warnings: [],
        idle: { minutes: 0, sleeping: false },
      });
      expect(first.accel).toMatch(/^(KVM|software emulation \(slow: no KVM\))$/);
      expect(first.restartNeeded).toBeUndefined();
      expect(first.disk?.sizeBytes).toBe(9 * 1024 ** 3);
      // What the card tells a terminal user works with the docker CLI as it is.
      expect(first.terminalEnv).toEqual({
        DOCKER_HOST: expect.stringMatching(/^tcp:\/\/127\.0\.0\.1:\d+$/),
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: join(home, 'data', 'linux-vm', 'tls'),
      });
      const cli = await runDocker(
        first.terminalEnv.DOCKER_HOST!,
        ['info', '--format', '{{.Name}}'],
        undefined,
        first.terminalEnv,
      );
      expect(cli.stdout.trim()).toBe('berth-vm');
      expect((await c.request<EngineInfo>('engine.info', {})).cpus).toBe(2);

      // A change that needs a restart says so, and the restart applies it.
      await c.request('settings.update', { vm: { cpus: 1 } });
      expect((await c.request<VmState>('engine.vm', {})).restartNeeded).toBe(
        'Restart needed because the number of CPUs changes from 2 to 1.',
      );
      // A disk smaller than the one the VM has cannot be applied, and says why.
      await c.request('settings.update', { vm: { diskGiB: 8 } });
      expect((await c.request<VmState>('engine.vm', {})).warnings.join(' ')).toMatch(
        /cannot shrink from 9 GiB to 8 GiB/,
      );
      await c.request('settings.update', { vm: { diskGiB: 9 } });
      await c.request('engine.restart', {});
      await until('restart', (s) => s.state === 'running', 300000);
      // The engine keeps its port across restarts, so a terminal's DOCKER_HOST keeps working.
      expect((await c.request<VmState>('engine.vm', {})).terminalEnv).toEqual(first.terminalEnv);
      expect((await c.request<VmState>('engine.vm', {})).restartNeeded).toBeUndefined();
      expect((await c.request<EngineInfo>('engine.info', {})).cpus).toBe(1);

      // Idle saver: with nothing running, the VM stops after the idle time …
      await c.request('settings.update', { vm: { idleMinutes: 2 } });
      const asleep = await until('idle stop', (s) => s.sleeping === true && s.state === 'stopped', 60000);
      expect(asleep.progress).toBe('Resting while idle: it starts again on the next request');
      expect((await c.request<VmState>('engine.vm', {})).idle).toMatchObject({ minutes: 2, sleeping: true });
      // … and the next request that needs the engine wakes it, and is answered.
      expect(await c.request<ContainerSummary[]>('containers.list', { all: true })).toEqual([]);
      const woke = await c.request<VmState>('engine.vm', {});
      expect(woke.idle.sleeping).toBe(false);
      expect(woke.idle.lastWakeMs).toBeGreaterThan(0);
      console.log(`isolated Linux VM: woke from idle in ${((woke.idle.lastWakeMs ?? 0) / 1000).toFixed(1)} s`);
      expect((await c.request<EngineStatus>('engine.status', {})).state).toBe('running');
      await c.request('settings.update', { vm: { idleMinutes: 0 } });
    });
  },
);
