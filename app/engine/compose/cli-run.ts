// Runs the compose CLI and streams its output line by line (stdout and stderr, escapes stripped).
// Aborting sends SIGTERM, then SIGKILL after a grace period.
import { spawn } from 'node:child_process';
import { BerthError } from '../../shared/errors';
import type { ComposeCli } from './cli-detect';

export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface RunResult {
  code: number | null;
  lines: OutputLine[];
}

export interface RunOptions {
  cwd?: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onLine?(line: OutputLine): void;
  /** Grace between SIGTERM and SIGKILL on abort (ms). */
  killAfterMs?: number;
}

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are exactly what is stripped
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][A-Za-z0-9]/g;

/** Splits a chunk stream into lines; "\r" rewrites (progress) keep only the last version of a line. */
export class LineSplitter {
  private rest = '';
  push(chunk: string): string[] {
    const parts = (this.rest + chunk).split('\n');
    this.rest = parts.pop() ?? '';
    return parts.map(clean).filter((l) => l.length > 0);
  }
  end(): string[] {
    const last = clean(this.rest);
    this.rest = '';
    return last ? [last] : [];
  }
}

function clean(line: string): string {
  const noAnsi = line.replace(ANSI, '');
  const lastRewrite = noAnsi.replace(/\r+$/, '').split('\r').pop() ?? '';
  return lastRewrite.trimEnd();
}

/** Runs `cli` with compose arguments; resolves with the exit code and every output line. */
export function runCompose(cli: ComposeCli, args: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return resolve({ code: null, lines: [] });
    const lines: OutputLine[] = [];
    const child = spawn(cli.program, [...cli.prefix, ...args], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const take = (stream: OutputLine['stream']) => {
      const splitter = new LineSplitter();
      const emit = (texts: string[]) => {
        for (const text of texts) {
          const line = { stream, text };
          lines.push(line);
          opts.onLine?.(line);
        }
      };
      const source = stream === 'stdout' ? child.stdout : child.stderr;
      source.setEncoding('utf8');
      source.on('data', (d: string) => emit(splitter.push(d)));
      source.on('end', () => emit(splitter.end()));
    };
    take('stdout');
    take('stderr');
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? 5000);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err: NodeJS.ErrnoException) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(
        new BerthError({
          kind: 'unavailable',
          message: `Could not run ${cli.label}: ${err.code === 'ENOENT' ? 'it is no longer installed' : err.message}. Install a compose CLI and try again.`,
          detail: err.message,
        }),
      );
    });
    child.on('close', (code) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      resolve({ code, lines });
    });
  });
}
