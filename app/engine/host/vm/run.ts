// Running the VM tools (limactl, wsl.exe): stdout and stderr as bytes and lines, a time limit, an
// abort signal, and a failure that keeps the tool's own last words.
import { spawn } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with each complete line of stderr (limactl logs its progress there). */
  onStderrLine?: (line: string) => void;
  /** Called with each complete line of stdout. */
  onStdoutLine?: (line: string) => void;
}

/** Splits a byte stream into text lines (CR/LF tolerant). */
function lineSplitter(onLine: (line: string) => void): { push(b: Buffer): void; end(): void } {
  let rest = '';
  return {
    push(b) {
      const parts = (rest + b.toString('utf8')).split(/\r?\n/);
      rest = parts.pop() ?? '';
      for (const p of parts) if (p.trim()) onLine(p);
    },
    end() {
      if (rest.trim()) onLine(rest);
      rest = '';
    },
  };
}

/** Runs `file args`; resolves with the exit code (never rejects for a non-zero exit). */
export function runTool(file: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: (opts.env ?? process.env) as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const errLines = opts.onStderrLine ? lineSplitter(opts.onStderrLine) : undefined;
    const outLines = opts.onStdoutLine ? lineSplitter(opts.onStdoutLine) : undefined;
    child.stdout.on('data', (b: Buffer) => {
      out.push(b);
      outLines?.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      errLines?.push(b);
    });
    const kill = () => child.kill('SIGKILL');
    const timer = opts.timeoutMs ? setTimeout(kill, opts.timeoutMs) : undefined;
    opts.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, sig) => {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', kill);
      errLines?.end();
      outLines?.end();
      resolve({ code: code ?? (sig ? 128 : 1), stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    });
  });
}
