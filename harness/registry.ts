// A real registry for tests: Debian's docker-registry (distribution 2.x) on 127.0.0.1 with a free
// port and its storage in a temp dir. The engine allows plain HTTP to 127.0.0.0/8 registries, so
// `127.0.0.1:PORT/name:tag` can be pushed and pulled. Stopped (and its dir removed) by stop(), on
// a failed start, when the owning process exits, and by the harness reaper if it is killed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REGISTRY_BIN = '/usr/bin/docker-registry';

export interface TestRegistry {
  /** "127.0.0.1:PORT", the registry part of references. */
  host: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export function registryAvailable(): string | undefined {
  return existsSync(REGISTRY_BIN)
    ? undefined
    : 'docker-registry is not installed (sudo apt-get install -y docker-registry)';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v2/', timeout: 500 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 || res.statusCode === 401);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

export interface RegistryOptions {
  /** Require basic auth with this user (htpasswd, bcrypt). */
  auth?: { username: string; password: string };
  timeoutMs?: number;
}

/** A bcrypt htpasswd line, made with `htpasswd` (apache2-utils) or Python's crypt module; undefined when neither exists. */
export function htpasswdLine(username: string, password: string): string | undefined {
  const viaHtpasswd = spawnSync('htpasswd', ['-nbB', username, password], { encoding: 'utf8' });
  if (viaHtpasswd.status === 0 && viaHtpasswd.stdout.includes(':$2')) return viaHtpasswd.stdout.trim();
  const py = spawnSync(
    'python3',
    [
      '-W',
      'ignore',
      '-c',
      'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH)))',
      password,
    ],
    { encoding: 'utf8' },
  );
  const hash = py.status === 0 ? py.stdout.trim() : '';
  return /^\$2[aby]\$/.test(hash) ? `${username}:${hash}` : undefined;
}

function config(dir: string, port: number, auth: boolean): string {
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    ...(auth ? ['auth:', '  htpasswd:', '    realm: berth-test', `    path: ${join(dir, 'htpasswd')}`] : []),
    '',
  ].join('\n');
}

async function kill(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Starts a registry; throws with its log when it does not come up within `timeoutMs`. */
export async function startRegistry(opts: RegistryOptions = {}): Promise<TestRegistry> {
  const timeoutMs = opts.timeoutMs ?? 15000;
  const why = registryAvailable();
  if (why) throw new Error(why);
  const dir = mkdtempSync(join(tmpdir(), 'berth-registry-'));
  // The engine harness's watchdog: when this process dies without stop(), it kills what names the dir and removes it.
  spawn(process.execPath, [fileURLToPath(new URL('./reaper.mjs', import.meta.url)), String(process.pid), dir], {
    detached: true,
    stdio: 'ignore',
  }).unref();
  if (opts.auth) {
    const line = htpasswdLine(opts.auth.username, opts.auth.password);
    if (!line) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error('Cannot make a bcrypt password file: install apache2-utils (htpasswd) or python3.');
    }
    writeFileSync(join(dir, 'htpasswd'), `${line}\n`);
  }
  let lastError = '';
  for (let attemptNo = 0; attemptNo < 3; attemptNo++) {
    const port = await freePort();
    writeFileSync(join(dir, 'config.yml'), config(dir, port, !!opts.auth));
    const logFile = join(dir, 'registry.log');
    const log = openSync(logFile, 'a');
    const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', log, log] });
    closeSync(log);
    const onExit = () => child.kill('SIGKILL');
    process.once('exit', onExit);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && child.exitCode === null) {
      if (await answers(port)) {
        let stopped = false;
        return {
          host: `127.0.0.1:${port}`,
          port,
          dir,
          stop: async () => {
            if (stopped) return;
            stopped = true;
            process.removeListener('exit', onExit);
            await kill(child, dir);
          },
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    lastError = readFileSync(logFile, 'utf8').split('\n').slice(-10).join('\n');
    process.removeListener('exit', onExit);
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`The test registry did not start. Its last log lines:\n${lastError}`);
}
