// electron-builder cannot package here (it downloads Electron), so its configuration is checked
// against electron-builder's own JSON schema (app-builder-lib/scheme.json) instead.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  extraMetadata: { main: string };
  files: string[];
  extraResources: { from: string; to: string }[];
  protocols: { schemes: string[] }[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string; extraResources: { from: string; to: string }[] };
  deb: { depends: string[]; recommends: string[] };
  mac: { target: string[]; icon: string; extraResources: { from: string; to: string }[] };
  win: { target: string[]; icon: string; extraResources: { from: string; to: string }[] };
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own configuration schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check itself catches mistakes', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ ...config, electronFuses: { runAsNod: false } })).toBe(false);
    expect(validate({ ...config, linux: { target: 42 } })).toBe(false);
  });

  it('names and packages Berth as required', () => {
    expect(config.appId).toBe('dev.berth.app');
    expect(config.productName).toBe('Berth');
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(config.extraResources).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: 'resources', to: 'resources' })]),
    );
    expect(config.protocols[0]!.schemes).toEqual(['berth']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('starts the bundle `npm run build` writes', () => {
    const viteMain = readFileSync(join(root, 'vite.main.config.ts'), 'utf8');
    expect(config.extraMetadata.main).toBe('out/main/electron.js');
    expect(viteMain).toMatch(/electron:.*app\/main\/electron\/main\.ts/);
  });

  it('the deb depends on an engine package and recommends what rootless mode needs', () => {
    expect(config.deb.depends).toContain('docker.io | docker-ce');
    expect(config.deb.recommends).toEqual(expect.arrayContaining(['rootlesskit', 'uidmap']));
  });

  it('flips the Electron fuses: no running as Node, no NODE_OPTIONS, no inspector', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it("puts each platform's VM resources where the app reads them: <resources>/resources/vm/<host>", () => {
    expect(config.extraResources[0]).toMatchObject({ from: 'resources', to: 'resources' });
    expect((config.extraResources[0] as { filter?: string[] }).filter).toContain('!vm/**');
    expect(config.linux.extraResources).toEqual([
      expect.objectContaining({ from: 'resources/vm/linux', to: 'resources/vm/linux' }),
    ]);
    // Lima and WSL also read the containers' stats with the Linux VM's dump script (shell-stats.ts).
    const dump = { from: 'resources/vm/linux/berth-cgroup-dump', to: 'resources/vm/linux/berth-cgroup-dump' };
    expect(config.mac.extraResources).toEqual([
      expect.objectContaining({ from: 'resources/vm/lima', to: 'resources/vm/lima' }),
      dump,
    ]);
    expect(config.win.extraResources).toEqual([
      expect.objectContaining({ from: 'resources/vm/wsl', to: 'resources/vm/wsl' }),
      dump,
    ]);
    expect(config.deb.recommends).toEqual(expect.arrayContaining(['qemu-system-x86', 'openssl']));
  });

  it('points at icons and VM resources that exist', () => {
    for (const p of [
      config.linux.icon,
      config.mac.icon,
      config.win.icon,
      ...[config.linux, config.mac, config.win].flatMap((p) => p.extraResources.map((r) => r.from)),
    ]) {
      expect(existsSync(join(root, p)), p).toBe(true);
    }
    expect(existsSync(join(root, 'resources', 'vm', 'lima', 'berth.yaml'))).toBe(true);
  });
});
