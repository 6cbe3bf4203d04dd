// A test process that dies with Berth's VM running (killed by a timeout, a crash, Ctrl-C) leaves no
// QEMU behind: the reaper its VM dir was registered with stops QEMU and removes the dir. QEMU runs in
// its own session (so a crashed Berth's VM can be adopted), so without the reaper it would stay.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBinary } from '../app/engine/host/binaries';
import { isAlive } from '../app/engine/host/processes';
import { processesUsing } from './cleanup.mjs';
import { ensureVmImage, holdVmSlot, vmImageUnavailable } from './vm-image';

const missing = !findBinary('qemu-system-x86_64')
  ? 'install QEMU with `sudo apt-get install qemu-system-x86`'
  : vmImageUnavailable();
if (missing) console.warn(`SKIPPED the VM reaper test: ${missing}.`);

describe.skipIf(missing !== undefined)("the harness reaper and Berth's VM (real QEMU)", () => {
  it('leaves no QEMU when the test process that booted a VM is SIGKILLed', async () => {
    const image = await ensureVmImage();
    const release = await holdVmSlot(); // one VM-booting test at a time on this machine
    try {
      const script = fileURLToPath(new URL('./vm-reaper-child.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, BERTH_VM_IMAGE: image },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      const [dir, pid] = await new Promise<[string, number]>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^VM (\S+) (\d+)$/m.exec(out);
          if (m) resolve([m[1]!, Number(m[2])]);
        });
        child.on('exit', (code) => reject(new Error(`the test process exited early (${code}): ${out}`)));
      });
      expect(isAlive(pid)).toBe(true);
      expect(processesUsing(dir)).toContain(pid);
      child.kill('SIGKILL');
      const deadline = Date.now() + 30000;
      while ((isAlive(pid) || existsSync(dir)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(isAlive(pid)).toBe(false);
      expect(processesUsing(dir)).toEqual([]);
      expect(existsSync(dir)).toBe(false);
    } finally {
      release();
    }
  }, 1800000);
});
