import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCKER_HUB } from '../../shared/contract/areas/registries';
import { helperGet } from './credential-helper';
import { dockerConfigDir, dockerConfigPath } from './docker-config';
import { DockerCredentials } from './docker-credentials';
import { writeCredentialHelper, type TestHelper } from './test-support/credential-helper-script';

let home: string;
let helper: TestHelper;
let env: Record<string, string | undefined>;

function docker(extra: Record<string, string | undefined> = {}) {
  return new DockerCredentials({
    env: { ...env, ...extra },
    helper: { env: { ...process.env, PATH: `${helper.dir}:${process.env.PATH}` } },
  });
}

function writeConfig(config: unknown, dir = join(home, '.docker')) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'berth-docker-home-'));
  helper = writeCredentialHelper();
  env = { HOME: home };
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  helper.cleanup();
});

describe('the docker config as the docker CLI finds it', () => {
  it('uses $DOCKER_CONFIG, else ~/.docker', () => {
    expect(dockerConfigDir({ HOME: '/h' })).toBe('/h/.docker');
    expect(dockerConfigDir({ HOME: '/h', DOCKER_CONFIG: '/elsewhere' })).toBe('/elsewhere');
    expect(dockerConfigPath({ HOME: '/h', DOCKER_CONFIG: '/elsewhere' })).toBe('/elsewhere/config.json');
  });

  it('reads `auths` (base64 user:password), matching keys written with a scheme', async () => {
    writeConfig({
      auths: {
        'https://registry.example.com': { auth: Buffer.from('alice:pa:ss').toString('base64') },
        [DOCKER_HUB]: { auth: Buffer.from('bob:hub').toString('base64') },
      },
    });
    const d = docker();
    expect(await d.get('registry.example.com')).toEqual({
      credential: { username: 'alice', password: 'pa:ss' },
      place: { kind: 'docker-file', path: join(home, '.docker/config.json') },
    });
    expect((await d.get(DOCKER_HUB))?.credential).toEqual({ username: 'bob', password: 'hub' });
    expect(await d.get('other.example.com')).toBeUndefined();
    expect((await d.list()).map((l) => [l.key, l.username])).toEqual([
      ['registry.example.com', 'alice'],
      [DOCKER_HUB, 'bob'],
    ]);
  });

  it('writes an `auths` entry only where plain files are allowed, keeping other fields and mode 0600', async () => {
    const dir = join(home, 'cfg');
    writeConfig({ auths: {}, psFormat: 'table {{.ID}}', proxies: { default: { httpProxy: 'http://p:3128' } } }, dir);
    const d = docker({ DOCKER_CONFIG: dir });
    await expect(
      d.store('127.0.0.1:5000', { username: 'u', password: 'p' }, { allowPlainFile: false }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/does not write passwords there in clear text/),
    });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain('127.0.0.1:5000');
    await d.store('127.0.0.1:5000', { username: 'u', password: 'p' }, { allowPlainFile: true });
    const written = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(written.psFormat).toBe('table {{.ID}}');
    expect(written.proxies.default.httpProxy).toBe('http://p:3128');
    expect(written.auths['127.0.0.1:5000']).toEqual({ auth: Buffer.from('u:p').toString('base64') });
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(await d.erase('127.0.0.1:5000')).toMatchObject({ kind: 'docker-file' });
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).auths).toEqual({});
    expect(await d.erase('127.0.0.1:5000')).toBeUndefined();
  });

  it('stores through credsStore, leaving only an empty `auths` entry in the file', async () => {
    writeConfig({ credsStore: helper.name });
    const d = docker();
    const place = await d.store(
      'registry.example.com',
      { username: 'carol', password: 'never-in-a-file' },
      { allowPlainFile: false },
    );
    expect(place).toEqual({ kind: 'docker-helper', helper: helper.name });
    expect(helper.entries()['registry.example.com']).toEqual({ Username: 'carol', Secret: 'never-in-a-file' });
    const file = readFileSync(join(home, '.docker/config.json'), 'utf8');
    expect(file).not.toContain('never-in-a-file');
    expect(JSON.parse(file).auths).toEqual({ 'registry.example.com': {} });
    expect((await d.get('registry.example.com'))?.credential).toEqual({
      username: 'carol',
      password: 'never-in-a-file',
    });
    expect(await d.list()).toEqual([{ key: 'registry.example.com', place, username: 'carol' }]);
    await d.erase('registry.example.com');
    expect(helper.entries()).toEqual({});
    expect(await d.get('registry.example.com')).toBeUndefined();
    expect(helper.actions()).toEqual(['store', 'get', 'list', 'get', 'erase', 'get']);
  });

  it('prefers the registry own helper (credHelpers) over credsStore, and reads identity tokens', async () => {
    writeConfig({ credsStore: 'nonexistent', credHelpers: { 'ghcr.io': helper.name } });
    const d = docker();
    await d.store('ghcr.io', { username: 'dave', identitytoken: 'tok' }, { allowPlainFile: false });
    expect(helper.entries()['ghcr.io']).toEqual({ Username: '<token>', Secret: 'tok' });
    expect((await d.get('ghcr.io'))?.credential).toEqual({ username: '', identitytoken: 'tok' });
    expect(d.ownHelper('ghcr.io')).toBe(helper.name);
    await expect(d.get('quay.io')).rejects.toMatchObject({
      message: expect.stringMatching(
        /names the credential helper "nonexistent", but docker-credential-nonexistent is not installed/,
      ),
    });
    const listed = await d.list();
    expect(listed.find((l) => l.key === 'ghcr.io')).toMatchObject({
      place: { kind: 'docker-helper', helper: helper.name },
    });
  });

  it('says which config is broken', async () => {
    mkdirSync(join(home, '.docker'));
    writeFileSync(join(home, '.docker/config.json'), '{ nope');
    await expect(docker().get(DOCKER_HUB)).rejects.toMatchObject({
      message: expect.stringMatching(/config\.json is not valid JSON/),
    });
  });

  it('helper get: none found is undefined, other failures a sentence', async () => {
    const opts = { env: { ...process.env, PATH: `${helper.dir}:${process.env.PATH}` } };
    expect(await helperGet(helper.name, 'nothing.example.com', opts)).toBeUndefined();
  });
});
