// The real `berth serve` (built bundle, its own Node process) and Debian's Chromium for scenarios
// that measure Berth as a user runs it: its pid is the process whose CPU and memory we read.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../harness/chromium';
import { inspectorUrl } from './inspector';

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
  /** The Node inspector's WebSocket (ws://127.0.0.1:…), when started with `inspect`. */
  inspector?: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Open Node's inspector on a free loopback port and expose gc(), for measuring the served process's JS heap. */
  inspect?: boolean;
}

/** Starts `node bin/berth.mjs serve --engine-socket HOST` with a private BERTH_HOME. */
export async function startServe(engineHost: string, opts: ServeOptions = {}): Promise<Serve> {
  const home = mkdtempSync(join(tmpdir(), 'berth-bench-home-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(opts.inspect ? ['--inspect=127.0.0.1:0', '--expose-gc'] : []),
      join(ROOT, 'bin/berth.mjs'),
      'serve',
      '--engine-socket',
      engineHost,
    ],
    {
      env: { ...process.env, BERTH_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  // Ready once it printed its address (stdout) and, when asked for, its inspector's (stderr).
  const { url, inspector } = await new Promise<{ url: string; inspector?: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`berth serve did not start in 20 s: ${err}`)), 20000);
    const check = () => {
      const m = /Berth is serving at (\S+)/.exec(out);
      const inspector = opts.inspect ? inspectorUrl(err) : undefined;
      if (!m || (opts.inspect && !inspector)) return;
      clearTimeout(timer);
      resolve({ url: m[1]!, ...(inspector ? { inspector } : {}) });
    };
    child.stdout!.on('data', (d) => {
      out += d;
      check();
    });
    child.stderr!.on('data', (d) => {
      err += d;
      check();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`berth serve exited with ${code}: ${err}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    ...(inspector ? { inspector } : {}),
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

export interface ServedPage {
  serve: Serve;
  page: Page;
  /** Closes the browser, then stops the serve process. */
  close(): Promise<void>;
}

/** `berth serve` on `engineHost` and Chromium with one 1400×900 page on `route` (e.g. '#/containers'). */
export async function openServedPage(engineHost: string, route: string): Promise<ServedPage> {
  const serve = await startServe(engineHost);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await serve.close();
  };
  try {
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(`${serve.url}${route}`);
    return { serve, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}
