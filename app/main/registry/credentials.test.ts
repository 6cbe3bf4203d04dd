import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DockerCredentials } from '../../engine/registry/docker-credentials';
import { DOCKER_HUB } from '../../shared/contract/areas/registries';
import { BerthError } from '../../shared/errors';
import { BerthStore } from './berth-store';
import { RegistryCredentials } from './credentials';
import type { SecretBox } from './secret-box';
import { signInHint } from './sign-in-hint';

/** A box that really transforms the bytes, so a test can tell sealed from clear. */
const fakeKeychain: SecretBox = {
  name: 'the test keychain',
  encrypt: async (t) => Buffer.from([...Buffer.from(t)].reverse().map((b) => b ^ 0x33)),
  decrypt: async (b) => Buffer.from([...b].map((x) => x ^ 0x33).reverse()).toString(),
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-creds-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function creds(box?: SecretBox) {
  const docker = new DockerCredentials({ env: { HOME: join(dir, 'home'), DOCKER_CONFIG: join(dir, 'docker') } });
  return new RegistryCredentials(docker, join(dir, 'berth'), async () => box);
}

describe("Berth's own store", () => {
  it('keeps only ciphertext in a 0600 file when a keychain is there', async () => {
    const store = new BerthStore(join(dir, 'berth'), async () => fakeKeychain);
    expect(await store.put('127.0.0.1:5000', { username: 'eve', password: 'hunter2-secret' })).toEqual({
      kind: 'berth-keychain',
      store: 'the test keychain',
    });
    const text = readFileSync(store.path, 'utf8');
    expect(text).not.toContain('hunter2-secret');
    expect(text).toContain('eve');
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(await store.get('127.0.0.1:5000')).toEqual({ username: 'eve', password: 'hunter2-secret' });
  });

  it('without a keychain writes the secret to a 0600 file, and cannot open keychain entries', async () => {
    const sealed = new BerthStore(join(dir, 'berth'), async () => fakeKeychain);
    await sealed.put('sealed.example.com', { username: 'a', password: 'p1' });
    const plain = new BerthStore(join(dir, 'berth'), async () => undefined);
    expect(await plain.put('plain.example.com', { username: 'b', identitytoken: 't1' })).toEqual({
      kind: 'berth-file',
      path: plain.path,
    });
    expect(statSync(plain.path).mode & 0o777).toBe(0o600);
    expect(await plain.get('plain.example.com')).toEqual({ username: 'b', identitytoken: 't1' });
    await expect(plain.get('sealed.example.com')).rejects.toMatchObject({
      message: expect.stringMatching(/cannot open/),
    });
    expect((await plain.list()).find((l) => l.key === 'sealed.example.com')?.problem).toMatch(/cannot open/);
    expect(await plain.remove('sealed.example.com')).toMatchObject({ kind: 'berth-keychain' });
  });
});

describe('registry credentials across places', () => {
  it('lists Docker Hub by default and says which stores are offered with a keychain', async () => {
    const r = await creds(fakeKeychain).list();
    expect(r.registries).toEqual([{ key: DOCKER_HUB, label: 'Docker Hub', places: [] }]);
    expect(r.defaultChoice).toBe('berth');
    expect(r.stores.map((s) => [s.choice, s.available])).toEqual([
      ['docker', false],
      ['berth', true],
      ['session', true],
    ]);
    expect(r.stores[0]!.note).toMatch(/does not write passwords there in clear text/);
    expect(r.stores[1]!.label).toBe("Berth's keychain (the test keychain)");
  });

  it('without a keychain starts on "this session" and offers the docker config file and a 0600 file', async () => {
    const r = await creds().list();
    expect(r.defaultChoice).toBe('session');
    expect(r.stores.map((s) => [s.choice, s.available])).toEqual([
      ['docker', true],
      ['berth', true],
      ['session', true],
    ]);
    expect(r.stores[1]!.note).toMatch(/unencrypted in a file only you can read \(mode 0600\)/);
  });

  it('uses Berth store before the docker config, and signs out of every place', async () => {
    const c = creds(fakeKeychain);
    mkdirSync(join(dir, 'docker'));
    writeFileSync(
      join(dir, 'docker/config.json'),
      JSON.stringify({ auths: { 'reg.example.com': { auth: Buffer.from('cli:pw').toString('base64') } } }),
    );
    expect(await c.authFor('reg.example.com/team/app:1')).toEqual({
      serveraddress: 'reg.example.com',
      username: 'cli',
      password: 'pw',
    });
    await c.berth.put('reg.example.com', { username: 'berth', password: 'pw2' });
    expect(await c.authFor('reg.example.com/team/app:1')).toMatchObject({ username: 'berth' });
    expect(await c.authFor('busybox')).toBeUndefined();
    const listed = (await c.list()).registries.find((x) => x.key === 'reg.example.com');
    expect(listed).toMatchObject({
      label: 'reg.example.com',
      username: 'berth',
      places: [{ kind: 'berth-keychain' }, { kind: 'docker-file' }],
    });
    expect(await c.allAuths()).toEqual({
      'reg.example.com': { serveraddress: 'reg.example.com', username: 'berth', password: 'pw2' },
    });
    const out = await c.signOut('reg.example.com');
    expect(out.removedFrom.map((p) => p.kind)).toEqual(['berth-keychain', 'docker-file']);
    expect(await c.authFor('reg.example.com/team/app:1')).toBeUndefined();
    expect((await c.signOut('reg.example.com')).removedFrom).toEqual([]);
  });
});

describe('signInHint', () => {
  const refused = new BerthError({
    kind: 'unauthorized',
    message: 'Could not pull: refused',
    detail: 'unauthorized: authentication required',
  });
  it('turns an unauthorized pull into "sign in to REGISTRY"', () => {
    const e = signInHint(refused, '127.0.0.1:5000/team/app:v1') as BerthError;
    expect(e.message).toBe(
      'Could not pull "127.0.0.1:5000/team/app:v1": sign in to 127.0.0.1:5000 first (the registry refused access without a sign-in).',
    );
    expect(e).toMatchObject({
      kind: 'unauthorized',
      field: 'registry',
      detail: 'unauthorized: authentication required',
    });
    expect((signInHint(refused, 'busybox', 'push', true) as Error).message).toMatch(
      /Docker Hub refused your sign-in.*Sign in to Docker Hub/,
    );
  });
  it('leaves other failures alone', () => {
    const other = new BerthError({ kind: 'not-found', message: 'x' });
    expect(signInHint(other, 'busybox')).toBe(other);
  });
});
