// images.*, volumes.*, networks.*, the engine page's requests and settings.* over the real
// WebSocket transport, against the private engine.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../../harness/context';
import type { FileEntry, TaskInfo } from '../../../shared/contract';
import type { ImageInspectResult } from '../../../shared/contract/areas/images';
import type { SettingsState } from '../../../shared/contract/areas/settings';
import type { DiskUsageRow } from '../../../shared/contract/areas/system';
import { servedClient } from '../test-support/served-client';

let home: string;
const dirs: string[] = [];
const images: string[] = [];
const containers: string[] = [];
const volumes: string[] = [];
const docker = (args: string[]) => testEngine().docker(args);

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'berth-dashboard-home-'));
  process.env.BERTH_HOME = home; // settings go here, not to the user's config
});
afterAll(async () => {
  if (containers.length) await docker(['rm', '-f', ...containers]);
  for (const i of images) await docker(['rmi', '-f', i]);
  for (const v of volumes) await docker(['volume', 'rm', '-f', v]);
  for (const d of [...dirs, home]) rmSync(d, { recursive: true, force: true });
  delete process.env.BERTH_HOME;
});
// Registered after the hooks above: it starts once BERTH_HOME is set (settings go there) and closes
// before that folder is removed.
const c = servedClient();

async function finished(task: TaskInfo, ms = 60000): Promise<TaskInfo> {
  const end = Date.now() + ms;
  for (;;) {
    const all = await c.request<TaskInfo[]>('tasks.list', {});
    const now = all.find((x) => x.id === task.id);
    if (now && now.state !== 'running') return now;
    if (Date.now() > end) throw new Error(`task ${task.title} did not finish`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

describe('images', () => {
  it('builds as a task with the log, inspects with the layer history, tags, saves, loads and removes', async () => {
    const ctx = temp('berth-build-');
    writeFileSync(join(ctx, 'Dockerfile'), `FROM ${fixtures().busybox}\nARG WHO\nRUN echo "hi $WHO" > /who\n`);
    const tag = `${uniqueName('dash-built')}:1`;
    images.push(tag);
    const started = await c.request<TaskInfo>('images.build', { context: ctx, tag, buildArgs: ['WHO=berth'] });
    expect(started).toMatchObject({ kind: 'build', state: 'running' });
    const done = await finished(started);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    expect(done.progress.log?.join('\n')).toContain('Step 3/3 : RUN echo "hi $WHO" > /who');
    expect((await docker(['run', '--rm', tag, 'cat', '/who'])).stdout.trim()).toBe('hi berth');

    const inspected = await c.request<ImageInspectResult>('images.inspect', { ref: tag });
    expect(inspected.tags).toEqual([tag]);
    expect(inspected.history.some((h) => h.createdBy.includes('echo "hi $WHO"'))).toBe(true);
    expect(inspected.raw).toHaveProperty('RootFS');

    const other = `${uniqueName('dash-tagged')}:2`;
    images.push(other);
    expect(await c.request('images.tag', { source: tag, target: other })).toEqual({ ref: other });

    const tar = join(temp('berth-save-'), 'image.tar');
    const save = await finished(await c.request<TaskInfo>('images.save', { refs: [other], path: tar }));
    expect(save.state).toBe('done');
    expect(existsSync(tar)).toBe(true);
    expect(await c.request('images.remove', { ref: other })).toMatchObject({
      untagged: [expect.stringContaining(other.split(':')[0]!)],
    });
    const load = await finished(await c.request<TaskInfo>('images.load', { path: tar }));
    expect(load.state).toBe('done');
    expect(load.result).toMatchObject({ images: [expect.stringContaining(other)] });
  });

  it('fails a build as a task naming the step', async () => {
    const ctx = temp('berth-build-bad-');
    writeFileSync(join(ctx, 'Dockerfile'), `FROM ${fixtures().busybox}\nRUN exit 7\n`);
    const done = await finished(
      await c.request<TaskInfo>('images.build', { context: ctx }).catch((e: unknown) => {
        throw e;
      }),
    );
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/^The build failed at step 2\/2 \(RUN exit 7\)/);
  });

  it('refuses bad input before the engine, naming the field', async () => {
    await expect(c.request('images.build', { context: 'relative/dir' })).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('The path must be absolute (start with "/").'),
    });
    await expect(c.request('images.build', { context: '/nonexistent-berth' })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'context',
    });
    await expect(c.request('images.build', { context: '/tmp', dockerfile: '../Dockerfile' })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(c.request('images.build', { context: '/tmp', buildArgs: ['no-equals'] })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(c.request('images.pull', { ref: 'case/UPPER' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(c.request('images.load', { path: '/nonexistent-berth.tar' })).rejects.toMatchObject({
      kind: 'invalid',
      message: 'There is no file at "/nonexistent-berth.tar".',
    });
  });

  it('refuses removing an image in use without force, naming the container', async () => {
    const name = uniqueName('dash-user');
    const ref = `${uniqueName('dash-inuse')}:1`;
    images.push(ref);
    containers.push(name);
    expect((await docker(['create', '--name', `${name}-src`, fixtures().busybox, 'true'])).code).toBe(0);
    expect((await docker(['commit', `${name}-src`, ref])).code).toBe(0);
    await docker(['rm', '-f', `${name}-src`]);
    expect((await docker(['create', '--name', name, ref, 'true'])).code).toBe(0);
    await expect(c.request('images.remove', { ref })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining(`"${name}"`),
    });
  });

  it('previews a prune without removing anything', async () => {
    // The same images, whatever order the engine lists equal creation times in.
    const ids = async () => (await docker(['images', '-aq'])).stdout.split('\n').filter(Boolean).sort();
    const before = await ids();
    const p = await c.request<{ images: unknown[]; spaceReclaimed: number }>('images.prunePreview', { all: true });
    expect(Array.isArray(p.images)).toBe(true);
    expect(typeof p.spaceReclaimed).toBe('number');
    expect(await ids()).toEqual(before);
  });
});

describe('volumes', () => {
  it('creates, refuses a duplicate, lists files, downloads a file and a folder, refuses removal in use', async () => {
    const name = uniqueName('dash-vol');
    volumes.push(name);
    expect(await c.request('volumes.create', { name })).toMatchObject({ name, driver: 'local', inUse: false });
    await expect(c.request('volumes.create', { name })).rejects.toMatchObject({ kind: 'conflict', field: 'name' });
    await expect(c.request('volumes.create', { name: 'bad name' })).rejects.toMatchObject({ kind: 'invalid' });
    const user = uniqueName('dash-vol-user');
    containers.push(user);
    expect(
      (
        await docker([
          'run',
          '--name',
          user,
          '-v',
          `${name}:/d`,
          fixtures().busybox,
          'sh',
          '-c',
          'mkdir /d/sub && echo one > /d/sub/a.txt',
        ])
      ).code,
    ).toBe(0);
    const root = await c.request<FileEntry[]>('volumes.files', { name, path: '/' });
    expect(root.map((f) => [f.name, f.type])).toEqual([['sub', 'dir']]);
    const file = await c.download('volumes.download', { name, path: '/sub/a.txt' });
    expect(file).toMatchObject({ name: 'a.txt', size: 4 });
    expect(file.bytes.toString()).toBe('one\n');
    const folder = await c.download('volumes.download', { name, path: '/sub' });
    expect(folder.name).toBe('sub.tar');
    expect(folder.bytes.includes(Buffer.from('one\n'))).toBe(true);
    await expect(c.request('volumes.remove', { name })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining(`"${user}"`),
    });
    const sizes = await c.request<Record<string, number>>('volumes.sizes', {});
    expect(sizes[name]).toBeGreaterThan(0);
    await docker(['rm', '-f', user]);
    await c.request('volumes.remove', { name });
    expect((await docker(['volume', 'inspect', name])).code).not.toBe(0);
  });
});

describe('networks', () => {
  it('refuses a gateway outside its subnet and a built-in removal; creates, connects, disconnects, removes', async () => {
    const name = uniqueName('dash-net');
    await expect(c.request('networks.create', { name, gateway: '10.9.0.1' })).rejects.toMatchObject({
      kind: 'invalid',
      message: 'A gateway needs a subnet to lie in; give the subnet too.',
    });
    await expect(c.request('networks.create', { name, subnet: '10.9.0.0/99' })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(c.request('networks.remove', { name: 'bridge' })).rejects.toMatchObject({
      message: 'The "bridge" network is built into the engine and cannot be removed.',
    });
    expect(await c.request('networks.create', { name, subnet: '10.219.0.0/24', internal: true })).toMatchObject({
      name,
      internal: true,
      subnets: ['10.219.0.0/24'],
    });
    const box = uniqueName('dash-net-user');
    containers.push(box);
    expect((await docker(['run', '-d', '--name', box, fixtures().busybox, 'sleep', '600'])).code).toBe(0);
    await c.request('networks.connect', { name, container: box });
    expect((await docker(['inspect', '-f', '{{json .NetworkSettings.Networks}}', box])).stdout).toContain(name);
    await c.request('networks.disconnect', { name, container: box });
    await c.request('networks.remove', { name });
    expect((await docker(['network', 'inspect', name])).code).not.toBe(0);
  });
});

describe('the engine page', () => {
  it('gives disk usage per kind, diagnostics, and says a fixed engine cannot switch or show its log', async () => {
    const usage = await c.request<DiskUsageRow[]>('engine.diskUsage', {});
    expect(usage.map((u) => u.kind)).toEqual(['images', 'containers', 'volumes', 'buildCache']);
    const diag = await c.request<{ id: string; status: string }[]>('engine.diagnostics', {});
    expect(diag.length).toBeGreaterThan(0);
    expect(await c.request('engine.engines', {})).toMatchObject({ fixed: true, candidates: [] });
    await expect(c.request('engine.switch', { choice: { kind: 'native' } })).rejects.toMatchObject({
      message: expect.stringContaining('cannot be switched here'),
    });
    await expect(c.request('engine.switch', { choice: { kind: 'external', url: 'ftp://x' } })).rejects.toMatchObject({
      kind: 'invalid',
    });
    expect(await c.request('engine.logTail', {})).toMatchObject({
      lines: [],
      note: expect.stringContaining('did not start'),
    });
  });

  it('streams the engine log, saying why there is none for an engine Berth did not start', async () => {
    const s = c.subscribe('engine.log', { lines: 10 });
    const end = Date.now() + 5000;
    while (s.items.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    expect(s.items.slice(0, 2)).toEqual([
      { kind: 'reset' },
      { kind: 'note', text: expect.stringContaining('did not start') },
    ]);
    s.close();
  });

  it('prunes stopped containers', async () => {
    const name = uniqueName('dash-stopped');
    expect((await docker(['run', '--name', name, fixtures().busybox, 'true'])).code).toBe(0);
    const r = await c.request<{ removed: number }>('engine.prune', { kind: 'containers' });
    expect(r.removed).toBeGreaterThanOrEqual(1);
    expect((await docker(['inspect', name])).code).not.toBe(0);
  });
});

describe('settings', () => {
  it('starts from the defaults, persists a change in BERTH_HOME, refuses a bad value', async () => {
    const s = await c.request<SettingsState>('settings.get', {});
    expect(s.file).toBe(join(home, 'config', 'settings.json'));
    expect(s.settings).toMatchObject({ theme: 'system', terminalShell: 'auto' });
    const next = await c.request<SettingsState>('settings.update', {
      theme: 'light',
      notifications: { engine: false },
    });
    expect(next.settings).toMatchObject({ theme: 'light', notifications: { engine: false, taskFailed: true } });
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toMatchObject({ theme: 'light' });
    await expect(c.request('settings.update', { theme: 'purple' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(c.request('settings.update', { terminalShell: 'bash; rm -rf /' })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });
});
