// Runs `berth serve` until SIGINT/SIGTERM: backend up, server up, one line on stdout.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../backend';
import type { ServeArgs } from './args';
import { exposureWarning } from './security';
import { startServer } from './server';

export function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Bundled: out/main/cli.js → out/renderer. From sources (tests): app/main/serve → out/renderer.
  const candidates = [join(here, '../renderer'), join(here, '../../../out/renderer'), join(here, '../../out/renderer')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0]!;
}

export async function runServe(args: ServeArgs): Promise<number> {
  const backend = await createBackend(args.engineSocket ? { engineSocket: args.engineSocket } : {});
  const server = await startServer({
    host: args.host,
    port: args.port,
    rendererDir: rendererDir(),
    api: backend.api,
    handlers: backend.handlers,
    streams: backend.streams,
    onFault: (where, err) =>
      process.stderr.write(`berth serve: a ${where} handler failed and was answered with an error: ${String(err)}\n`),
  });
  if (args.exposed) process.stderr.write(`${exposureWarning(args.host)}\n`);
  process.stdout.write(`Berth is serving at ${server.url}\n`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await backend.close();
  return 0;
}
