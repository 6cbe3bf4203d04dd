// A real registry for tests: Debian's docker-registry (distribution 2.x) on 127.0.0.1 with a free
// port and its storage in a temp dir. The engine allows plain HTTP to 127.0.0.0/8 registries, so
// `127.0.0.1:PORT/name:tag` can be pushed and pulled. Stopped (and its dir removed) by stop(), on
// a failed start, and when the owning process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

function config(dir: string, port: number): string {
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
export async function startRegistry(timeoutMs = 15000): Promise<TestRegistry> {
  const why = registryAvailable();
  if (why) throw new Error(why);
  const dir = mkdtempSync(join(tmpdir(), 'berth-registry-'));
  let lastError = '';
  for (let attemptNo = 0; attemptNo < 3; attemptNo++) {
    const port = await freePort();
    writeFileSync(join(dir, 'config.yml'), config(dir, port));
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
