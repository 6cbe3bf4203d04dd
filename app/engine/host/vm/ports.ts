// Loopback ports for the VM hosts' forwarded engines.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Whether `port` on 127.0.0.1 can be listened on now. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A port on 127.0.0.1 that the system says is free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The port kept in `file` (JSON `{ port }`) when it is free now, so a terminal's DOCKER_HOST keeps
 * working across starts; else a new free one, which is kept.
 */
export async function keptPort(file: string): Promise<number> {
  let saved: number | undefined;
  try {
    const p = (JSON.parse(readFileSync(file, 'utf8')) as { port?: unknown }).port;
    if (typeof p === 'number') saved = p;
  } catch {
    /* first start */
  }
  if (saved && (await portFree(saved))) return saved;
  const port = await freePort();
  writeFileSync(file, `${JSON.stringify({ port }, null, 2)}\n`, { mode: 0o600 });
  return port;
}
