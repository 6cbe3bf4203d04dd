// Registry sign-in end to end against Debian's docker-registry with htpasswd auth on 127.0.0.1 and
// the private test engine: wrong password refused at sign-in, push and pull of a private image with
// the stored sign-in, sign out, and the docker CLI (same engine, same config) sharing sign-ins both ways.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { htpasswdLine, startRegistry, type TestRegistry } from '../../../harness/registry';
import { connectEngine, type EngineClient } from '../../engine/docker/client';
import { buildImage } from '../../engine/docker/image-build';
import { pullImage } from '../../engine/docker/image-pull';
import { pushImage } from '../../engine/docker/image-push';
import { removeImage } from '../../engine/docker/images';
import { writeCredentialHelper, type TestHelper } from '../../engine/registry/test-support/credential-helper-script';
import { requests } from '../../shared/contract';
import type { HandlerContext } from '../api/types';
import { registryHandlers } from '../api/handlers/registries';
import { credentialsFor, installSecretBox, resetRegistryCredentials, signInHint } from '.';
import type { SecretBox } from './secret-box';
import { skipUnless } from '../../../harness/skip';

const canHash = htpasswdLine('u', 'p') !== undefined;
const noHtpasswd = skipUnless(canHash, 'registry sign-in needs htpasswd to make users (apt-get install apache2-utils)');
const user = { username: 'berth-user', password: 'Pr1vate-pass-7781' };
const keychain: SecretBox = {
  name: 'the test keychain',
  encrypt: async (t) => Buffer.from(Buffer.from(t).map((b) => b ^ 0x55)),
  decrypt: async (b) => Buffer.from(b.map((x) => x ^ 0x55)).toString(),
};

let client: EngineClient;
let registry: TestRegistry;
let helper: TestHelper;
let tmp: string;
let ref = '';
const savedEnv = { ...process.env };

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The docker CLI on the test engine with the test's config only (never the machine's ~/.docker). */
function cli(args: string[], input?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DOCKER_CONFIG: process.env.DOCKER_CONFIG,
      DOCKER_HOST: testEngine().host,
      DOCKER_CLI_HINTS: 'false',
    };
    const child = execFile('docker', args, { env }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
    child.stdin!.end(input ?? '');
  });
}

function ctx(): HandlerContext {
  return {
    engine: { client: async () => client } as unknown as HandlerContext['engine'],
    tasks: {} as HandlerContext['tasks'],
    settings: {} as HandlerContext['settings'],
    signal: new AbortController().signal,
  };
}

const signIn = (a: Record<string, unknown>) =>
  registryHandlers['registries.signIn'](requests['registries.signIn'].args.parse(a), ctx());
const signOut = (server: string) =>
  registryHandlers['registries.signOut'](requests['registries.signOut'].args.parse({ server }), ctx());
/** Signs the test user in to the test registry with the right password, remembered in `remember`. */
const signInUser = (remember: 'docker' | 'berth' | 'session') =>
  signIn({ server: registry.host, username: user.username, secret: user.password, remember });
const list = () => registryHandlers['registries.list']({}, ctx());

/** Every file under `dir`, as text. */
function allText(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(join(d.parentPath, d.name), 'utf8'))
    .join('\n');
}

function useDockerConfig(config: object): string {
  const dir = mkdtempSync(join(tmp, 'docker-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  process.env.DOCKER_CONFIG = dir;
  resetRegistryCredentials();
  return dir;
}

beforeAll(async () => {
  if (!canHash) return;
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  registry = await startRegistry({ auth: user });
  helper = writeCredentialHelper('berthint');
  tmp = mkdtempSync(join(tmpdir(), 'berth-registries-int-'));
  mkdirSync(join(tmp, 'home'));
  process.env.HOME = join(tmp, 'home');
  process.env.BERTH_HOME = join(tmp, 'berth');
  process.env.PATH = `${helper.dir}:${process.env.PATH}`;
  ref = `${registry.host}/${uniqueName('private/app')}:v1`;
  const ctxDir = mkdtempSync(join(tmp, 'ctx-'));
  writeFileSync(join(ctxDir, 'Dockerfile'), `FROM ${fixtures().busybox}\nRUN head -c 2000 /dev/urandom > /p\n`);
  await collect(buildImage(client, { context: ctxDir, tags: [ref] }));
});

afterAll(async () => {
  if (ref) await testEngine().docker(['rmi', '-f', ref]);
  await registry?.stop();
  helper?.cleanup();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  for (const k of ['HOME', 'BERTH_HOME', 'PATH', 'DOCKER_CONFIG']) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  installSecretBox(undefined);
  resetRegistryCredentials();
});

describe.skipIf(noHtpasswd)('registry sign-in with a credential helper (credsStore)', () => {
  let configDir = '';
  beforeAll(() => {
    configDir = useDockerConfig({ credsStore: helper.name });
    installSecretBox(keychain);
  });

  it('refuses a wrong password at sign-in and stores nothing', async () => {
    const err = await signIn({
      server: `http://${registry.host}`,
      username: user.username,
      secret: 'wrong',
      remember: 'docker',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'unauthorized',
      message: `${registry.host} refused the user name or password. Check them and try again.`,
    });
    expect(helper.entries()).toEqual({});
    expect(allText(configDir)).not.toContain(registry.host);
  });

  it('says when the registry is not reachable, naming it', async () => {
    const err = await signIn({ server: '127.0.0.1:1', username: 'x', secret: 'y', remember: 'session' }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ kind: 'unavailable' });
    expect((err as Error).message).toMatch(/^127\.0\.0\.1:1 is not reachable from the engine/);
  });

  it('signs in into the docker helper, pushes and pulls with it; the docker CLI uses the same sign-in', async () => {
    const done = await signInUser('docker');
    expect(done).toMatchObject({ key: registry.host, place: { kind: 'docker-helper', helper: helper.name } });
    expect(helper.entries()[registry.host]).toEqual({ Username: user.username, Secret: user.password });
    const rows = (await list()).registries;
    expect(rows.find((r) => r.key === registry.host)).toMatchObject({
      username: user.username,
      places: [{ kind: 'docker-helper' }],
    });
    expect(rows[0]).toMatchObject({ label: 'Docker Hub' });

    const auth = await credentialsFor(ref);
    expect(auth).toMatchObject({ serveraddress: registry.host, username: user.username });
    expect((await collect(pushImage(client, ref, auth ? { auth } : {}))).at(-1)).toMatchObject({ kind: 'done' });
    await removeImage(client, ref);
    // The CLI, with the same config and helper, pulls the private image with Berth's sign-in.
    const pulled = await cli(['pull', ref]);
    expect(pulled.out).toContain('Downloaded newer image');
    expect(pulled.code).toBe(0);
    await removeImage(client, ref);
    const again = await collect(pullImage(client, ref, { auth: (await credentialsFor(ref))! }));
    expect(again.at(-1)).toMatchObject({ kind: 'done' });
    // No password in any file Berth wrote: its own store and the docker config.
    expect(allText(join(tmp, 'berth'))).not.toContain(user.password);
    expect(allText(configDir)).not.toContain(user.password);
    expect(allText(configDir)).not.toContain(Buffer.from(`${user.username}:${user.password}`).toString('base64'));
  });

  it('after sign out the next pull asks to sign in to the registry', async () => {
    const out = await signOut(registry.host);
    expect(out.removedFrom).toEqual([{ kind: 'docker-helper', helper: helper.name }]);
    expect(helper.entries()).toEqual({});
    expect(await credentialsFor(ref)).toBeUndefined();
    await removeImage(client, ref);
    const err = await collect(pullImage(client, ref)).catch((e: unknown) => signInHint(e, ref));
    expect(err).toMatchObject({
      kind: 'unauthorized',
      message: `Could not pull "${ref}": sign in to ${registry.host} first (the registry refused access without a sign-in).`,
    });
  });

  it('uses a sign-in made with `docker login` in a terminal', async () => {
    const login = await cli(['login', registry.host, '--username', user.username, '--password-stdin'], user.password);
    expect(login.out).toContain('Login Succeeded');
    expect(helper.entries()[registry.host]).toMatchObject({ Username: user.username });
    const row = (await list()).registries.find((r) => r.key === registry.host);
    expect(row).toMatchObject({ username: user.username, places: [{ kind: 'docker-helper', helper: helper.name }] });
    const pulled = await collect(pullImage(client, ref, { auth: (await credentialsFor(ref))! }));
    expect(pulled.at(-1)).toMatchObject({ kind: 'done' });
    await signOut(registry.host);
  });

  it("remembers in Berth's keychain store: only ciphertext on disk, invisible to the CLI", async () => {
    const done = await signInUser('berth');
    expect(done.place).toEqual({ kind: 'berth-keychain', store: 'the test keychain' });
    expect(allText(join(tmp, 'berth'))).toContain(user.username);
    expect(allText(join(tmp, 'berth'))).not.toContain(user.password);
    expect(await credentialsFor(ref)).toMatchObject({ password: user.password });
    await removeImage(client, ref).catch(() => undefined);
    expect((await cli(['pull', ref])).code).not.toBe(0);
    expect((await signOut(registry.host)).removedFrom).toEqual([
      { kind: 'berth-keychain', store: 'the test keychain' },
    ]);
  });
});

describe.skipIf(noHtpasswd)('registry sign-in without a helper or keychain (as in `berth serve`)', () => {
  let configDir = '';
  beforeAll(() => {
    configDir = useDockerConfig({});
    installSecretBox(undefined);
  });

  it('reads a `docker login` saved in config.json, and writes there only when asked', async () => {
    const login = await cli(['login', registry.host, '-u', user.username, '--password-stdin'], user.password);
    expect(login.code).toBe(0);
    expect(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')).auths[registry.host].auth).toBeTruthy();
    expect(await credentialsFor(ref)).toMatchObject({ username: user.username, password: user.password });
    expect((await list()).registries.find((r) => r.key === registry.host)?.places).toEqual([
      { kind: 'docker-file', path: join(configDir, 'config.json') },
    ]);
    await signOut(registry.host);
    expect(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')).auths).toEqual({});

    const session = await signInUser('session');
    expect(session.place).toEqual({ kind: 'session' });
    expect(allText(join(tmp, 'berth'))).not.toContain(user.password);
    expect(allText(configDir)).not.toContain(registry.host);
    expect(await credentialsFor(ref)).toMatchObject({ password: user.password });
    await signOut(registry.host);

    const file = await signInUser('docker');
    expect(file.place).toEqual({ kind: 'docker-file', path: join(configDir, 'config.json') });
    await removeImage(client, ref).catch(() => undefined);
    expect((await cli(['pull', ref])).code).toBe(0);
    await signOut(registry.host);
  });

  it("keeps a sign-in remembered in Berth's store in a file only the user can read", async () => {
    const done = await signInUser('berth');
    const path = join(tmp, 'berth', 'config', 'registry-credentials.json');
    expect(done.place).toEqual({ kind: 'berth-file', path });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await list()).stores.find((s) => s.choice === 'berth')?.label).toBe(`Berth's file (${path})`);
    expect(await credentialsFor(ref)).toMatchObject({ password: user.password });
    await signOut(registry.host);
    expect(readFileSync(path, 'utf8')).not.toContain(user.password);
  });
});

describe('a registry that speaks no TLS where the engine requires it', () => {
  const ip = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  it.skipIf(
    skipUnless(ip, 'the plain-HTTP registry test needs a non-loopback IPv4 address', {
      optional: 'a machine without a network interface has none',
    }),
  )('gives a sentence naming the host', async () => {
    // A plain-HTTP endpoint on a non-loopback address: the engine insists on https there.
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="plain"' });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, ip, r));
    const host = `${ip}:${(server.address() as { port: number }).port}`;
    try {
      const err = await signIn({ server: host, username: 'u', secret: 'p', remember: 'session' }).catch(
        (e: unknown) => e,
      );
      expect(err).toMatchObject({
        kind: 'unavailable',
        message: `${host} answers over plain HTTP, but the engine requires TLS for it. Serve the registry over https, or list it in the engine's insecure registries.`,
      });
    } finally {
      server.close();
    }
  });
});

describe('bad input is refused before anything is stored or sent', () => {
  it('refuses bad servers and user names with a sentence', () => {
    const args = requests['registries.signIn'].args;
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ server: '' }, /Give the registry address/],
      [{ server: 'ftp://r.example.com' }, /not ftp/],
      [{ server: 'r.example.com/team' }, /without a path/],
      [{ server: 'r example.com' }, /contains spaces/],
      [{ server: 'r.example.com:99999' }, /port must be/],
      [{ username: 'bad\nuser' }, /control characters/],
      [{ username: 'tab\tuser' }, /control characters/],
      [{ secret: '' }, /password or access token/],
    ];
    for (const [patch, message] of bad) {
      const r = args.safeParse({ server: 'r.example.com', username: 'u', secret: 's', remember: 'session', ...patch });
      expect(r.success, JSON.stringify(patch)).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(message);
    }
  });
});
