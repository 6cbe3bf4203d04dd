// Starts `berth serve` (the built bundle, bin/berth.mjs) as its own process, the way a user runs it,
// and resolves with the address it prints. Used by e2e's global setup and by integration tests that
// attack a real server process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Everything it wrote on stderr so far (when started with captureStderr). */
  stderr(): string;
  /** SIGTERM, then wait for it to exit. */
  stop(): Promise<void>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `args` after `serve --port 0` (e.g. --engine-socket URL); `env` is the whole environment. */
export function startBerthServe(
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { captureStderr?: boolean } = {},
): Promise<ServeProcess> {
  if (!existsSync(join(root, 'out/main/cli.js')))
    return Promise.reject(new Error('Berth is not built: run `npm run build` before tests that start `berth serve`.'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/berth.mjs'), 'serve', '--port', '0', ...args], {
      env,
      cwd: root,
      stdio: ['ignore', 'pipe', opts.captureStderr ? 'pipe' : 'inherit'],
    });
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(
      () => reject(new Error(`berth serve printed no address within 30 s:\n${out}${err}`)),
      30_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Berth is serving at (http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          url: m[1]!,
          stderr: () => err,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            await new Promise((r) => child.once('exit', r).once('error', r));
          },
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`berth serve exited (${code}) before it was ready:\n${out}${err}`)));
  });
}
