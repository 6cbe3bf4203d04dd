// Starts `berth serve` (the built bundle) as its own process and resolves with the address it prints.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
}

/** `args` after `serve --port 0` (e.g. --engine-socket URL); `env` is the whole environment. */
export function startBerthServe(args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/berth.mjs', 'serve', '--port', '0', ...args], {
      env,
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
