// Troubleshoot against a real Berth-managed dockerd in a temp BERTH_HOME (never the shared test
// engine): the purge preview counts what is there, a stale preview is refused, the purge leaves the
// engine running and empty; the diagnostics bundle, extracted with tar, has its parts and no secret.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBusybox } from '../../../harness/fixtures';
import { requests, type DownloadItem, type TaskInfo } from '../../shared/contract';
import { handlers } from '../api/handlers';
import { streams } from '../api/streams';
import { finishedTask } from '../api/test-support/handler-context';
import { managedEngines } from '../api/test-support/managed-engine';
import { resetRegistryCredentials } from '../registry';

const engines = managedEngines();
afterEach(() => engines.dispose());
const managedEngine = () => engines.create('trouble');

const ok = async (p: Promise<{ code: number; stdout: string; stderr: string }>) => {
  const r = await p;
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
};

describe('purge the managed engine (real dockerd in a temp home)', () => {
  it('states exactly what goes, refuses a stale statement, and leaves the engine running and empty', async () => {
    const { home, host, ctx, docker, tasks } = await managedEngine();
    const image = await buildBusybox({ dir: home.dir, docker } as Parameters<typeof buildBusybox>[0]);
    await ok(docker(['volume', 'create', 'keep-me']));
    await ok(
      docker(['run', '--name', 'writer', '-v', 'keep-me:/data', image, '/bin/sh', '-c', 'echo hello > /data/f']),
    );
    await ok(docker(['run', '-d', '--name', 'sleeper', image, '/bin/sleep', '600']));

    const preview = await handlers['troubleshoot.purgePreview']({}, ctx);
    if (!preview.offered) throw new Error(preview.reason);
    expect(preview.dataRoot).toBe(host.dataRoot);
    expect(preview.containers).toMatchObject({ count: 2, running: 1 });
    expect(preview.images.count).toBe(1);
    expect(preview.images.size).toBeGreaterThan(0);
    expect(preview.volumes.count).toBe(1);
    expect(preview.volumes.size).toBeGreaterThan(0);
    expect(preview.onDisk).toBeGreaterThan(preview.images.size);

    // The confirmation is the typed word, checked where the request is received.
    const refused = requests['troubleshoot.purge'].args.safeParse({ token: preview.token, confirm: 'yes' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('Type purge to confirm.');

    // Something new since the statement: refused, nothing deleted.
    await ok(docker(['volume', 'create', 'made-later']));
    await expect(handlers['troubleshoot.purge']({ token: preview.token, confirm: 'purge' }, ctx)).rejects.toMatchObject(
      { kind: 'conflict', message: expect.stringContaining('Nothing was deleted') },
    );
    expect(await ok(docker(['volume', 'ls', '-q']))).toContain('keep-me');
    expect(host.status().state).toBe('running');

    const fresh = await handlers['troubleshoot.purgePreview']({}, ctx);
    if (!fresh.offered) throw new Error(fresh.reason);
    expect(fresh.volumes.count).toBe(2);
    const task = await handlers['troubleshoot.purge'](
      requests['troubleshoot.purge'].args.parse({ token: fresh.token, confirm: ' Purge ' }),
      ctx,
    );
    const done: TaskInfo = await finishedTask(tasks, task.id);
    expect(done.error?.message).toBeUndefined();
    expect(done).toMatchObject({ state: 'done', result: { containers: 2, images: 1, volumes: 2 } });
    expect(host.status().state).toBe('running');
    expect(ctx.engine.status().state).toBe('running');
    expect(await ok(docker(['ps', '-aq']))).toBe('');
    expect(await ok(docker(['images', '-q']))).toBe('');
    expect(await ok(docker(['volume', 'ls', '-q']))).toBe('');
    expect(existsSync(join(host.dataRoot!, 'volumes', 'keep-me'))).toBe(false);
    expect(existsSync(join(home.paths.data, 'engine', 'daemon.json'))).toBe(true); // the engine's settings stay
  }, 180_000);
});

describe('the diagnostics bundle (real dockerd in a temp home)', () => {
  it('holds versions, checks, engine info, logs and settings, and none of the secrets put in', async () => {
    const { home, ctx, docker, settings, berthLog, selection } = await managedEngine();
    const image = await buildBusybox({ dir: home.dir, docker } as Parameters<typeof buildBusybox>[0]);
    await ok(docker(['volume', 'create', 'bundle-vol']));
    await ok(
      docker([
        'run',
        '-d',
        '--name',
        'bundle-web',
        '-e',
        'PASSWORD=env-secret-4711',
        '--label',
        'com.example.token=label-secret-4712',
        '-v',
        'bundle-vol:/data',
        image,
        'sleep',
        '600',
      ]),
    );
    // Secrets in every place Berth keeps things: a registry credential (docker config and Berth's own
    // store), a secret-looking setting (an engine address with a password), a log line.
    const dockerConfig = join(home.dir, 'docker-config');
    mkdirSync(dockerConfig);
    writeFileSync(
      join(dockerConfig, 'config.json'),
      JSON.stringify({
        auths: { 'reg.example:5000': { auth: Buffer.from('bob:registry-secret-4713').toString('base64') } },
      }),
    );
    process.env.DOCKER_CONFIG = dockerConfig;
    process.env.BERTH_HOME = home.dir;
    resetRegistryCredentials();
    mkdirSync(home.paths.config, { recursive: true });
    writeFileSync(
      join(home.paths.config, 'registry-credentials.json'),
      JSON.stringify({
        version: 1,
        entries: { 'reg2.example': { username: 'alice', secret: 'berth-store-secret-4714' } },
      }),
    );
    selection.setExplicitAddress('tcp://bob:address-secret-4715@10.1.2.3:2376');
    settings.update({ theme: 'dark' });
    berthLog.write('signing in with token=log-secret-4716');

    const items: DownloadItem[] = [];
    const source = await streams['troubleshoot.bundle']({}, ctx);
    for await (const item of source.items!) items.push(item);
    const head = items[0];
    expect(head).toMatchObject({ type: 'file', name: expect.stringMatching(/^berth-diagnostics-.*\.tar\.gz$/) });
    const archive = join(home.dir, 'bundle.tar.gz');
    writeFileSync(
      archive,
      Buffer.concat(items.slice(1).map((i) => (i.type === 'bytes' ? Buffer.from(i.data) : Buffer.alloc(0)))),
    );
    const out = join(home.dir, 'extracted');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', archive, '-C', out]);
    const [root] = readdirSync(out);
    const dir = join(out, root!);
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');

    const files = readdirSync(dir, { recursive: true }).map(String).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'README.txt',
        'versions.json',
        'checks.txt',
        'engine/status.json',
        'engine/info.json',
        'engine/objects.json',
        'engine/engine.log',
        'engine/daemon.json',
        'berth/log.txt',
        'berth/tasks.json',
        'berth/settings.json',
        'berth/engine-choice.json',
        'berth/registries.json',
      ]),
    );
    const versions = JSON.parse(read('versions.json'));
    expect(versions).toMatchObject({
      berth: '0.1.0',
      node: process.versions.node,
      engine: { ApiVersion: expect.any(String) },
    });
    expect(read('checks.txt')).toMatch(/checks? passed/);
    expect(JSON.parse(read('engine/info.json'))).toMatchObject({ DockerRootDir: selection.active!.dataRoot });
    const objects = JSON.parse(read('engine/objects.json'));
    expect(objects.containers).toEqual([expect.objectContaining({ name: 'bundle-web', state: 'running' })]);
    expect(objects.volumes).toEqual([expect.objectContaining({ name: 'bundle-vol' })]);
    expect(read('engine/engine.log')).toContain('API listen on');
    expect(JSON.parse(read('berth/settings.json'))).toMatchObject({ settings: { theme: 'dark' } });
    expect(read('berth/engine-choice.json')).toContain('tcp://[removed]@10.1.2.3:2376');
    expect(JSON.parse(read('berth/registries.json'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ registry: 'reg.example:5000', signedIn: true })]),
    );
    expect(read('berth/log.txt')).toContain('token=[removed]');
    expect(read('README.txt')).toContain('berth/engine-choice.json: explicitAddress (credentials in the text)');

    // No secret anywhere in the extracted files.
    const grep = (s: string) => execFileSync('grep', ['-rl', s, out], { encoding: 'utf8' }).trim();
    for (const secret of [
      'env-secret-4711',
      'label-secret-4712',
      'registry-secret-4713',
      'berth-store-secret-4714',
      'address-secret-4715',
      'log-secret-4716',
      Buffer.from('bob:registry-secret-4713').toString('base64'),
    ])
      expect(() => grep(secret), secret).toThrow(); // grep exits 1: not found
    expect(grep('bundle-web')).not.toBe(''); // the grep itself finds what is there
  }, 180_000);
});
