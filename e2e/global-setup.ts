// Starts the private engine (with fixtures) and `berth serve` on it, once for the whole e2e run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEngine } from '../harness/engine';
import { buildBusybox, BUSYBOX } from '../harness/fixtures';

function startServe(engineHost: string, home: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/berth.mjs', 'serve', '--port', '0', '--engine-socket', engineHost], {
      // Berth's own data and the docker CLI's config both in temp dirs: the tests never read this machine's sign-ins.
      env: { ...process.env, BERTH_HOME: home, DOCKER_CONFIG: join(home, 'docker-config') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`berth serve printed no address within 30 s:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Berth is serving at (http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`berth serve exited (${code}) before it was ready:\n${out}`)));
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const engine = await startTestEngine();
  await buildBusybox(engine);
  const home = mkdtempSync(join(tmpdir(), 'berth-e2e-home-'));
  const serve = await startServe(engine.host, home);
  process.env.BERTH_URL = serve.url;
  process.env.BERTH_ENGINE_HOST = engine.host;
  process.env.BERTH_BUSYBOX = BUSYBOX;
  return async () => {
    serve.child.kill('SIGTERM');
    await new Promise((r) => serve.child.once('exit', r).once('error', r));
    await engine.stop();
    rmSync(home, { recursive: true, force: true });
  };
}
