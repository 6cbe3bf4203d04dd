// Starts `berth serve`'s server in-process on the harness engine, for integration tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../backend';
import { startServer, type RunningServer } from './server';

export interface TestServer {
  server: RunningServer;
  backend: Backend;
  base: string;
  close(): Promise<void>;
}

/** `rendererDir`: the built UI (out/renderer) for browser tests; by default a stub page. */
export async function startTestServer(engineHost: string, opts: { rendererDir?: string } = {}): Promise<TestServer> {
  let rendererDir = opts.rendererDir;
  if (!rendererDir) {
    rendererDir = mkdtempSync(join(tmpdir(), 'berth-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Berth</title>');
  }
  const backend = await createBackend({ engineSocket: engineHost });
  const deadline = Date.now() + 10_000;
  while (backend.api.engine.status().state !== 'running' && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    backend,
  });
  return {
    server,
    backend,
    base: `http://127.0.0.1:${server.port}`,
    async close() {
      await server.close();
      await backend.close();
    },
  };
}
