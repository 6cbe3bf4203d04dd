// The real `berth serve` (built bundle, its own Node process) and Debian's Chromium for scenarios
// that measure Berth as a user runs it: its pid is the process whose CPU and memory we read.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../harness/chromium';

const ROOT = new URL('../../../', import.meta.url).pathname;
export { CHROMIUM };

/** Why a browser scenario cannot run here, or undefined. */
export function browserMissing(): string | undefined {
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(join(ROOT, 'out/renderer/index.html')) || !existsSync(join(ROOT, 'out/main/cli.js')))
    return 'Berth is not built (npm run build)';
  return undefined;
}

export interface Serve {
  /** http://127.0.0.1:PORT/?token=… */
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** Starts `node bin/berth.mjs serve --engine-socket HOST` with a private BERTH_HOME. */
export async function startServe(engineHost: string): Promise<Serve> {
  const home = mkdtempSync(join(tmpdir(), 'berth-bench-home-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin/berth.mjs'), 'serve', '--engine-socket', engineHost],
    {
      env: { ...process.env, BERTH_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`berth serve did not start in 20 s: ${err}`)), 20000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Berth is serving at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`berth serve exited with ${code}: ${err}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
