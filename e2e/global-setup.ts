// Starts the private engine (with fixtures) and `berth serve` on it, once for the whole e2e run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEngine } from '../harness/engine';
import { buildBusybox, BUSYBOX } from '../harness/fixtures';
import { startBerthServe } from './berth-serve';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const engine = await startTestEngine();
  await buildBusybox(engine);
  const home = mkdtempSync(join(tmpdir(), 'berth-e2e-home-'));
  // Berth's own data and the docker CLI's config both in temp dirs: the tests never read this machine's sign-ins.
  const serve = await startBerthServe(['--engine-socket', engine.host], {
    ...process.env,
    BERTH_HOME: home,
    DOCKER_CONFIG: join(home, 'docker-config'),
  });
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
