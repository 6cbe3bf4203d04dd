// Runs `berth serve` until SIGINT/SIGTERM: server up, one line on stdout, backend up, until a signal.
// The server listens before the backend's modules (the engine facade, dockerode, compose, swarm …)
// have loaded, and loads them once the page has had its files (or a window connects, or no page came
// within BACKEND_AT_THE_LATEST_MS): loading holds the event loop, so it overlaps the browser starting
// the page instead of delaying the page's files. A window's first messages wait for the backend
// (server.ts), so a cold start costs about the longer of the two, not both.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServeArgs } from './args';
import { exposureWarning } from './security';
import { startServer } from './server';

export function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Bundled: out/main/cli.js → out/renderer. From sources (tests): app/main/serve → out/renderer.
  const candidates = [join(here, '../renderer'), join(here, '../../../out/renderer'), join(here, '../../out/renderer')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0]!;
}

/** A page that has not come this long after the server listens does not hold the backend back. */
const BACKEND_AT_THE_LATEST_MS = 1000;

export async function runServe(args: ServeArgs): Promise<number> {
  let begin!: () => void;
  const go = new Promise<void>((resolve) => (begin = resolve));
  const starting = go
    .then(() => import('../backend'))
    .then(({ createBackend }) => createBackend(args.engineSocket ? { engineSocket: args.engineSocket } : {}));
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      host: args.host,
      port: args.port,
      rendererDir: rendererDir(),
      backend: starting,
      onPageFetched: begin,
      onFault: (where, err) =>
        process.stderr.write(`berth serve: a ${where} handler failed and was answered with an error: ${String(err)}\n`),
    });
  } catch (err) {
    begin();
    await starting.then((b) => b.close()).catch(() => undefined);
    throw err;
  }
  setTimeout(begin, BACKEND_AT_THE_LATEST_MS).unref();
  if (args.exposed) process.stderr.write(`${exposureWarning(args.host)}\n`);
  process.stdout.write(`Berth is serving at ${server.url}\n`);
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  try {
    // A backend that cannot start ends `berth serve` with its reason (cli.ts prints it).
    await Promise.all([stopped, starting]);
  } finally {
    await server.close();
  }
  await (await starting).close();
  return 0;
}
