// The managed engine's daemon.json against the real dockerd: a registry mirror applied with a restart
// shows in `docker info`; a file with a problem is refused with a sentence before anything is
// written; a file dockerd itself refuses at start is rolled back and the engine runs again.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../shared/errors';
import { connectEngine } from '../docker/client';
import { engineInfo } from '../docker/engine-page';
import { applyDaemonConfig, checkDaemonConfig, readDaemonConfig } from './daemon-config';
import { nativeFixture } from './test-support/native-fixture';

const fixture = nativeFixture();
afterEach(() => fixture.teardown());

const MIRROR = 'https://mirror.berth-test.example';

describe("daemon.json of Berth's engine (real dockerd)", () => {
  it('applies a registry mirror with a restart, and `docker info` shows it', async () => {
    const { host, docker } = fixture.create({}, 'dcfg');
    expect(await host.start()).toBe('running');
    const view = readDaemonConfig(host);
    expect(view).toMatchObject({ managed: true, text: '{}\n', path: host.paths.daemonConfig, running: true });
    expect(view.berthKeys.map((k) => k.key)).toContain('data-root');

    const text = `{\n  "registry-mirrors": ["${MIRROR}"],\n  "log-opts": {"max-size": "10m"}\n}\n`;
    const check = await checkDaemonConfig(host, text, () => connectEngine(host.address));
    expect(check.valid).toBe(true);
    expect(check.changes.map((c) => [c.key, c.change])).toEqual([
      ['log-opts', 'added'],
      ['registry-mirrors', 'added'],
    ]);
    expect(check.restart.summary).toBe('The engine restarts; no container is running, so none is stopped.');

    const applied = await applyDaemonConfig(host, text, view.version);
    expect(applied.outcome).toBe('applied');
    expect(applied.message).toBe('The engine restarted with the new settings (2 changes).');
    expect(host.status().state).toBe('running');
    const info = await docker(['info', '--format', '{{json .RegistryConfig.Mirrors}}']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toEqual([`${MIRROR}/`]);
    expect(readFileSync(host.paths.daemonConfig, 'utf8')).toBe(text);
    // and the Engine page's details, from the engine's own /info
    expect((await engineInfo(await connectEngine(host.address))).registryMirrors).toEqual([`${MIRROR}/`]);
    expect(readDaemonConfig(host).version).toBe(applied.version);

    // Applying from a stale version is refused: someone else changed the file meanwhile.
    await expect(applyDaemonConfig(host, '{}', view.version)).rejects.toThrow(/changed since you opened it/);
  });

  it('refuses an invalid file with a sentence: nothing written, the engine not restarted', async () => {
    const { host, events } = fixture.create({}, 'dcfg');
    await host.start();
    const view = readDaemonConfig(host);
    const bad = '{"registry-mirrors": ["mirror.berth-test.example"], "data-root": "/srv/docker"}';
    const check = await checkDaemonConfig(host, bad, () => connectEngine(host.address));
    expect(check.valid).toBe(false);
    expect(check.problems.map((p) => p.key)).toEqual(['registry-mirrors[0]', 'data-root']);

    const stateChanges = events.filter((e) => e.type === 'state').length;
    const err = await applyDaemonConfig(host, bad, view.version).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).kind).toBe('invalid');
    expect((err as BerthError).message).toBe(
      '"registry-mirrors[0]" is "mirror.berth-test.example", not a URL: a mirror is an address like "https://mirror.gcr.io". (and 1 more problem) Nothing was saved and the engine was not restarted.',
    );
    expect(readFileSync(host.paths.daemonConfig, 'utf8')).toBe('{}\n');
    expect(events.filter((e) => e.type === 'state').length).toBe(stateChanges);
    expect(host.status().state).toBe('running');
  });

  it('puts the previous file back when dockerd refuses to start with the new one, and says what dockerd said', async () => {
    const { host, docker } = fixture.create({}, 'dcfg');
    await host.start();
    const first = `{"registry-mirrors": ["${MIRROR}"]}\n`;
    const applied = await applyDaemonConfig(host, first, readDaemonConfig(host).version);
    expect(applied.outcome).toBe('applied');

    // zfs is a storage driver dockerd has, so Berth's check passes it; this machine has no zfs pool.
    const zfs = '{"storage-driver": "zfs"}';
    const check = await checkDaemonConfig(host, zfs, () => connectEngine(host.address));
    expect(check.valid).toBe(true);
    const rolled = await applyDaemonConfig(host, zfs, applied.version);
    expect(rolled.outcome).toBe('rolled-back');
    expect(rolled.message).toMatch(/^dockerd refused the new settings, so Berth put the previous daemon.json back/);
    expect(rolled.engineMessage).toMatch(/error initializing graphdriver/);
    expect(readFileSync(host.paths.daemonConfig, 'utf8')).toBe(first);
    expect(host.status().state).toBe('running');
    const info = await docker(['info', '--format', '{{json .RegistryConfig.Mirrors}}']);
    expect(JSON.parse(info.stdout)).toEqual([`${MIRROR}/`]);
  });
});
