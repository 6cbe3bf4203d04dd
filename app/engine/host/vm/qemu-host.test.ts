// QemuHost without booting (qemu-host.int.test.ts and app/main/linux-vm*.int.test.ts boot the real
// VM): where it looks for the image, the start failure that says how to build a missing one, the
// QEMU command line, and what a start does with a VM an earlier Berth left running — all through a
// fake QEMU (test-support/fake-qemu.mjs) that serves the pidfile, QMP, console, control port and a
// mutual-TLS engine as a running QEMU would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, sleep } from '../processes';
import type { EngineHostEvent } from '../types';
import { QemuHost, qemuValue, type QemuHostOptions } from './qemu-host';
import { fakeHome, type FakeHome } from './test-support/fake-tools';

const runner = fileURLToPath(new URL('./test-support/run-qemu-host.ts', import.meta.url));

let home: FakeHome | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  home?.cleanup();
  home = undefined;
  delete process.env.FAKE_QEMU;
  delete process.env.FAKE_QEMU_LOG;
});

function setup(imageFiles: string[] = ['vmlinuz', 'initramfs.cpio', 'root.img']) {
  const h = (home = fakeHome());
  const scripts = join(h.dir, 'vm', 'linux');
  const image = join(scripts, 'image');
  mkdirSync(image, { recursive: true });
  for (const f of ['build-image.sh', 'init', 'berth-guest-init']) writeFileSync(join(scripts, f), '#\n');
  for (const f of imageFiles) writeFileSync(join(image, f), 'x');
  h.installQemu();
  const qemuLog = join(h.dir, 'qemu-calls.log');
  process.env.FAKE_QEMU_LOG = qemuLog;
  const opts: QemuHostOptions = {
    paths: h.paths,
    env: h.env,
    accel: 'tcg',
    scriptsDir: scripts,
    resources: { cpus: 1, memoryGiB: 1, diskGiB: 1 },
    apiTimeoutMs: 10000,
  };
  const calls = () => (existsSync(qemuLog) ? readFileSync(qemuLog, 'utf8').trim().split('\n') : []);
  const launches = () => calls().filter((l) => l.startsWith('args '));
  const args = () => JSON.parse(launches().at(-1)!.slice(5)) as string[];
  return { opts, scripts, image, calls, launches, args, host: () => new QemuHost(opts) };
}

/** "Berth" in a process of its own, with its VM; resolves once `until` shows in its output. */
async function berthProcess(opts: QemuHostOptions, env: Record<string, string> = {}, until = /^RUNNING (\d+)/m) {
  const child = spawn(process.execPath, ['--import', 'tsx', runner, JSON.stringify(opts)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until.test(out)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the Berth process exited (${code}): ${out}`)));
  });
  return { child, out: () => out };
}

const qemuPid = (host: QemuHost) => Number(readFileSync(host.paths.pidFile, 'utf8'));
const notices = (events: EngineHostEvent[]) => events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));

describe('QemuHost (fake QEMU: no boot)', { timeout: 30000 }, () => {
  it('looks for the image in the option, then BERTH_VM_IMAGE, then <scriptsDir>/image', () => {
    const opts = { paths: { data: '/tmp/berth-nowhere/data', config: '/tmp/berth-nowhere/config' } };
    rmSync('/tmp/berth-nowhere', { recursive: true, force: true });
    expect(new QemuHost({ ...opts, scriptsDir: '/r/vm/linux', env: {} }).imageDir).toBe('/r/vm/linux/image');
    expect(new QemuHost({ ...opts, scriptsDir: '/r', env: { BERTH_VM_IMAGE: '/e' } }).imageDir).toBe('/e');
    expect(new QemuHost({ ...opts, env: { BERTH_VM_IMAGE: '/e' }, image: { dir: '/o' } }).imageDir).toBe('/o');
    rmSync('/tmp/berth-nowhere', { recursive: true, force: true });
  });

  it('fails to start without an image, saying the command that builds it', async () => {
    const { host, scripts, image } = setup(['vmlinuz']);
    const h = host();
    await expect(h.start()).rejects.toThrow();
    const error = h.status().failure!;
    expect(error.step).toBe('Preparing the VM (kernel, initramfs, data disk)');
    expect(error.message).toBe(`Berth's isolated VM has no image to boot: ${image} has no initramfs.cpio or root.img.`);
    expect(error.fix).toContain(`\`sudo bash ${scripts}/build-image.sh ${image}\``);
  });

  it('refuses an image whose guest cannot be stopped by this Berth, saying how to rebuild it', async () => {
    const { host, image } = setup();
    const info = { format: 1, debian: 'bookworm', kernel: 'k', source: 's', built: 't' }; // no "guest": version 1
    writeFileSync(join(image, 'berth-image.json'), JSON.stringify(info));
    const h = host();
    await expect(h.start()).rejects.toThrow();
    expect(h.status().failure?.message).toMatch(/was built for an older Berth/);
    expect(h.status().failure?.fix).toMatch(/^Rebuild it with `sudo bash .*build-image\.sh/);
  });

  it('boots the image by serial, with its pidfile, QMP, console and control port under the data dir', async () => {
    process.env.FAKE_QEMU = 'fail';
    const { host, image, args } = setup();
    const h = host();
    await expect(h.start()).rejects.toThrow();
    expect(h.status().failure).toMatchObject({
      step: 'Booting the VM',
      message: "Berth's VM stopped during start-up: fake QEMU.",
    });
    const a = args();
    const after = (flag: string) => a.flatMap((x, i) => (x === flag ? [a[i + 1]] : []));
    expect(after('-kernel')).toEqual([join(image, 'vmlinuz')]);
    expect(after('-initrd')).toEqual([join(image, 'initramfs.cpio')]);
    expect(after('-append')).toEqual(['console=ttyS0 quiet panic=-1 berth.orphan_grace=300']);
    expect(after('-drive')).toEqual([
      `if=none,id=root,file=${join(image, 'root.img')},format=raw,readonly=on`,
      `if=none,id=data,file=${h.paths.dataDisk},format=raw,discard=unmap`,
    ]);
    expect(after('-device')).toContain('virtio-blk-pci,drive=root,serial=berth-root');
    expect(after('-device')).toContain('virtio-blk-pci,drive=data,serial=berth-data');
    expect(after('-accel')).toEqual(['tcg']);
    // The engine listens with mutual TLS on 2376; its certificates reach the guest through fw_cfg.
    expect(after('-netdev')[0]).toMatch(/^user,id=n0,hostfwd=tcp:127\.0\.0\.1:\d+-:2376$/);
    expect(after('-fw_cfg')).toEqual(
      ['ca', 'server-cert', 'server-key'].map((f) => `name=opt/berth/${f},file=${join(h.paths.tls, `${f}.pem`)}`),
    );
    // What makes it findable and stoppable by the next Berth, all in the data dir.
    expect(after('-pidfile')).toEqual([h.paths.pidFile]);
    expect(after('-qmp')).toEqual([`unix:${h.paths.qmp},server=on,wait=off`]);
    expect(after('-chardev')).toEqual([
      `socket,id=console,path=${h.paths.console},server=on,wait=off`,
      `socket,id=control,path=${h.paths.control},server=on,wait=off`,
    ]);
    expect(after('-serial')).toEqual(['chardev:console']);
    expect(after('-device')).toContain('virtserialport,bus=vser.0,chardev=control,name=org.berth.control');
    expect(h.address).toMatchObject({ kind: 'tcp', tls: { ca: expect.stringContaining('BEGIN CERTIFICATE') } });
  });

  it('adopts the VM of a Berth that was killed: no second QEMU, and notices when that VM ends', async () => {
    const { opts, host, launches } = setup();
    const first = await berthProcess(opts);
    const pid = Number(/^RUNNING (\d+)/m.exec(first.out())![1]);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(isAlive(pid)).toBe(true); // the VM outlives the Berth that started it

    const h = host();
    const events: EngineHostEvent[] = [];
    h.subscribe((e) => events.push(e));
    expect(await h.start()).toBe('running');
    expect(h.vmProcess).toBe(pid);
    expect(launches()).toHaveLength(1);
    expect(notices(events)).toContain(
      `Berth's VM was still running from an earlier session (QEMU process ${pid}); Berth took it over without a restart, so its containers kept running.`,
    );
    expect(JSON.parse(readFileSync(h.paths.owner, 'utf8'))).toMatchObject({ berthPid: process.pid, vmPid: pid });

    // An adopted VM is no child of this Berth: its end shows through the control port closing.
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && h.status().state === 'running'; i++) await sleep(100);
    expect(h.status().state).toBe('error');
    expect(h.status().failure?.message).toBe(`Berth's VM stopped unexpectedly (QEMU process ${pid} ended).`);
  });

  it('shuts down a left VM whose engine does not answer, through QMP, then starts a new one', async () => {
    const { opts, host, launches, calls } = setup();
    const first = await berthProcess(opts, { FAKE_QEMU: 'no-engine' }, /^PROGRESS Booting/m);
    const h0 = host();
    for (let i = 0; i < 100 && !existsSync(h0.paths.pidFile); i++) await sleep(50);
    const old = qemuPid(h0);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const h = host();
    const events: EngineHostEvent[] = [];
    h.subscribe((e) => events.push(e));
    expect(await h.start()).toBe('running');
    expect(isAlive(old)).toBe(false);
    expect(calls()).toContain('qmp system_powerdown');
    expect(calls()).toContain('exit powerdown');
    expect(launches()).toHaveLength(2);
    expect(h.vmProcess).not.toBe(old);
    expect(notices(events).join('\n')).toContain(
      `Berth's VM from an earlier session (QEMU process ${old}) cannot be used: its engine does not answer with Berth's certificates`,
    );
    expect(h.logTail(50).join('\n')).toContain(`the earlier VM (QEMU process ${old}) powered down cleanly`);
    await h.stop();
    expect(calls().at(-1)).toBe('exit stop'); // Berth's own stop goes through the control port
    expect(existsSync(h.paths.pidFile)).toBe(false);
  });

  it('shuts down a VM whose engine never answers instead of leaving it running', async () => {
    process.env.FAKE_QEMU = 'no-engine';
    const { opts, calls } = setup();
    const h = new QemuHost({ ...opts, apiTimeoutMs: 1500 });
    await expect(h.start()).rejects.toThrow(/did not answer at 127\.0\.0\.1:\d+ within 2 s/);
    expect(calls()).toContain('qmp system_powerdown');
    expect(calls().at(-1)).toBe('exit powerdown');
    expect(h.vmProcess).toBeUndefined();
    expect(existsSync(h.paths.pidFile)).toBe(false);
  });

  it('refuses a VM that another running Berth holds', async () => {
    const { opts, host } = setup();
    const other = await berthProcess(opts);
    const pid = Number(/^RUNNING (\d+)/m.exec(other.out())![1]);
    const h = host();
    await expect(h.start()).rejects.toThrow();
    expect(h.status().failure?.message).toBe(
      `Berth's VM (QEMU process ${pid}) is in use by another Berth (process ${other.child.pid}).`,
    );
    expect(isAlive(pid)).toBe(true);
    other.child.kill('SIGTERM'); // that Berth stops its VM on the way out
    await new Promise((r) => other.child.once('exit', r));
    expect(isAlive(pid)).toBe(false);
  });

  it('ignores a pidfile that names a process other than its QEMU', async () => {
    const { host, launches } = setup();
    const h = host();
    mkdirSync(h.paths.dir, { recursive: true });
    writeFileSync(h.paths.pidFile, `${process.pid}\n`);
    expect(await h.start()).toBe('running');
    expect(launches()).toHaveLength(1);
    expect(qemuPid(h)).toBe(h.vmProcess);
    expect(h.vmProcess).not.toBe(process.pid);
    await h.stop();
  });

  it("doubles commas in paths inside QEMU's option lists", () => {
    expect(qemuValue('/home/a,b/root.img')).toBe('/home/a,,b/root.img');
  });
});
