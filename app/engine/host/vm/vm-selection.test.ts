// EngineSelection with the VM choices: Lima by default on macOS, WSL on Windows (fake limactl /
// fake wsl.exe: macOS and Windows absent here — the platform is passed in).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineSelection } from '../selection';
import { readSelection } from '../selection-store';
import { LimaHost } from './lima-host';
import { WslHost } from './wsl-host';
import { fakeHome, type FakeHome } from './test-support/fake-tools';

const homes: FakeHome[] = [];
afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));
const home = () => {
  const h = fakeHome();
  homes.push(h);
  return h;
};

describe('EngineSelection with VM hosts (fake limactl / fake wsl.exe: macOS and Windows absent here)', () => {
  it('defaults to the Lima VM on macOS when limactl is there, and to WSL on Windows', async () => {
    const h = home();
    h.install('fake-limactl.mjs', 'limactl');
    const mac = new EngineSelection({ paths: h.paths, env: h.env, platform: 'darwin', dockerdInstalled: () => false });
    expect(await mac.decideDefault()).toMatchObject({ kind: 'choice', choice: { kind: 'lima' } });
    expect(await mac.resolve()).toEqual({ kind: 'lima' });
    expect(readSelection(h.paths.config).active).toEqual({ kind: 'lima' });
    expect(mac.savedChoice()).toEqual({ kind: 'lima' });
    expect(mac.saved().active).toEqual({ kind: 'lima' });

    const win = new EngineSelection({ paths: home().paths, platform: 'win32', dockerdInstalled: () => false });
    expect(await win.decideDefault()).toMatchObject({ choice: { kind: 'wsl' }, why: expect.stringContaining('WSL 2') });
  });

  it('falls back to engine detection on macOS when Lima is not available', async () => {
    const h = home();
    const sel = new EngineSelection({
      paths: h.paths,
      env: { PATH: '/nonexistent', XDG_RUNTIME_DIR: join(h.dir, 'run') },
      home: h.dir,
      uid: 1000,
      platform: 'darwin',
      dockerdInstalled: () => false,
      probeTimeoutMs: 200,
    });
    expect((await sel.decideDefault()).kind).toBe('none');
  });

  it('builds the VM hosts for their platforms and refuses them elsewhere with a sentence', () => {
    const h = home();
    const mac = new EngineSelection({ paths: h.paths, platform: 'darwin' });
    expect(mac.createHost({ kind: 'lima' })).toBeInstanceOf(LimaHost);
    expect(() => mac.createHost({ kind: 'wsl' })).toThrow(/WSL engine runs only on Windows/);
    const win = new EngineSelection({ paths: h.paths, platform: 'win32' });
    expect(win.createHost({ kind: 'wsl' })).toBeInstanceOf(WslHost);
    expect(() => win.createHost({ kind: 'lima' })).toThrow(/not on Windows\. Choose the WSL engine/);
    expect(new EngineSelection({ paths: h.paths, platform: 'linux' }).createHost({ kind: 'lima' }).kind).toBe('lima');
  });

  it('activates the Lima host end to end and persists the choice', async () => {
    const h = home();
    h.install('fake-limactl.mjs', 'limactl');
    const sel = new EngineSelection({
      paths: h.paths,
      env: h.env,
      platform: 'darwin',
      lima: { vmType: 'vz', platform: 'darwin', apiTimeoutMs: 10000 },
    });
    const host = await sel.activate({ kind: 'lima' });
    expect('status' in host && host.status().state).toBe('running');
    expect(sel.savedChoice()).toEqual({ kind: 'lima' });
    await sel.deactivate();
    expect(sel.active).toBeUndefined();
  }, 30000);

  it('reads a persisted VM choice back, and ignores a malformed one', () => {
    const h = home();
    mkdirSync(h.paths.config, { recursive: true });
    writeFileSync(join(h.paths.config, 'engine.json'), JSON.stringify({ version: 1, active: { kind: 'wsl' } }));
    expect(readSelection(h.paths.config).active).toEqual({ kind: 'wsl' });
    writeFileSync(join(h.paths.config, 'engine.json'), JSON.stringify({ version: 1, active: { kind: 'vmware' } }));
    expect(readSelection(h.paths.config).active).toBeUndefined();
  });
});

describe('diagnostics for the VM hosts (fake limactl / fake wsl.exe: macOS and Windows absent here)', () => {
  it('checks Lima and WSL, with the fix when something is missing', async () => {
    const { runDiagnostics, diagnosticChecks } = await import('../diagnostics');
    const h = home();
    h.install('fake-limactl.mjs', 'limactl');
    const wsl = h.install('fake-wsl.mjs', 'wsl.exe');
    const run = async (hostKind: 'lima' | 'wsl', env: Record<string, string | undefined>) =>
      (await runDiagnostics(diagnosticChecks({ hostKind, vm: { env, wslPath: wsl } }))).find((o) =>
        hostKind === 'lima' ? o.id === 'lima-installed' : o.id === 'wsl-ready',
      )!;
    expect(await run('lima', { ...h.env, LIMA_HOME: join(h.dir, 'lima') })).toMatchObject({
      status: 'passed',
      detail: expect.stringContaining('Lima 1.0.3'),
    });
    expect(await run('lima', { PATH: '/nonexistent' })).toMatchObject({
      status: 'failed',
      fix: expect.stringContaining('brew install lima'),
    });
    expect(await run('wsl', { ...h.env, FAKE_WSL_HOME: h.dir })).toMatchObject({
      status: 'passed',
      detail: 'WSL is installed (default version 2)',
    });
    expect(await run('wsl', { ...h.env, FAKE_WSL_HOME: h.dir, FAKE_WSL: 'not-installed' })).toMatchObject({
      status: 'failed',
      fix: expect.stringContaining('wsl.exe --install --no-distribution'),
    });
  }, 30000);
});
