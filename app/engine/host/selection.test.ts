import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineSelection } from './selection';
import { readSelection, writeSelection } from './selection-store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempHome() {
  const dir = mkdtempSync(join(tmpdir(), 'berth-sel-'));
  dirs.push(dir);
  return { dir, paths: { data: join(dir, 'data'), config: join(dir, 'config') } };
}

describe('EngineSelection', () => {
  it('defaults to Berth’s own engine where dockerd is installed', async () => {
    const { paths } = tempHome();
    const sel = new EngineSelection({ paths, dockerdInstalled: () => true, native: { mode: 'root' } });
    expect(await sel.decideDefault()).toMatchObject({ kind: 'choice', choice: { kind: 'native' } });
    expect(
      await new EngineSelection({ paths, dockerdInstalled: () => true, native: { mode: 'rootless' } }).decideDefault(),
    ).toMatchObject({
      choice: { kind: 'rootless' },
    });
  });

  it('ends in a clear "no engine" state saying what to install when nothing is there', async () => {
    const { dir, paths } = tempHome();
    const sel = new EngineSelection({
      paths,
      dockerdInstalled: () => false,
      env: { XDG_RUNTIME_DIR: join(dir, 'run') },
      home: dir,
      uid: 1000,
      probeTimeoutMs: 300,
    });
    const d = await sel.resolve();
    expect(d.kind).toBe('none');
    if (d.kind !== 'none') return;
    expect(d.message).toContain('No container engine is available');
    expect(d.fix).toContain('sudo apt-get install docker.io');
    expect(d.candidates.map((c) => c.source)).toContain('rootless-socket');
  });

  it('persists the choice in a user-only JSON file and reads it back; rejects a bad explicit address', async () => {
    const { paths } = tempHome();
    writeSelection(paths.config, { version: 1, active: { kind: 'external', url: 'unix:///x.sock' } });
    expect(statSync(join(paths.config, 'engine.json')).mode & 0o777).toBe(0o600);
    const sel = new EngineSelection({ paths, dockerdInstalled: () => true });
    expect(await sel.resolve()).toEqual({ kind: 'external', url: 'unix:///x.sock' });
    expect(() => sel.setExplicitAddress('gopher://x')).toThrow(/scheme "gopher" is not supported/);
    sel.setExplicitAddress('/tmp/a.sock');
    expect(readSelection(paths.config)).toEqual({
      version: 1,
      active: { kind: 'external', url: 'unix:///x.sock' },
      explicitAddress: '/tmp/a.sock',
    });
    expect(JSON.parse(readFileSync(join(paths.config, 'engine.json'), 'utf8')).version).toBe(1);
  });
});
