// The engine's log: written to a file that rotates by size (file, file.1 … file.N), with the last
// lines kept in memory for error reports.
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';

export interface RotatingLogOptions {
  /** Rotate when the file grows past this many bytes. */
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. */
  keep?: number;
  /** How many recent lines to keep in memory. */
  memoryLines?: number;
}

export class RotatingLog {
  private fd: number | undefined;
  private size = 0;
  private partial = '';
  private recent: string[] = [];
  private readonly listeners = new Set<(line: string) => void>();
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly memoryLines: number;

  constructor(
    readonly file: string,
    opts: RotatingLogOptions = {},
  ) {
    this.maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
    this.keep = opts.keep ?? 3;
    this.memoryLines = opts.memoryLines ?? 200;
  }

  private open(): number {
    if (this.fd === undefined) {
      this.fd = openSync(this.file, 'a', 0o600);
      this.size = existsSync(this.file) ? statSync(this.file).size : 0;
    }
    return this.fd;
  }

  private rotate(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    if (this.keep > 0 && existsSync(this.file)) renameSync(this.file, `${this.file}.1`);
    else rmSync(this.file, { force: true });
  }

  write(chunk: Buffer | string): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.remember(buf.toString('utf8'));
    if (this.size + buf.length > this.maxBytes && this.size > 0) this.rotate();
    const fd = this.open();
    writeSync(fd, buf);
    this.size += buf.length;
  }

  /** A marker line written by Berth itself (start, restart, stop), so the file reads as a story. */
  mark(line: string): void {
    this.write(`--- berth ${new Date().toISOString()} ${line}\n`);
  }

  private remember(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const l of lines)
      if (l.trim()) {
        this.recent.push(l);
        for (const listener of this.listeners) listener(l);
      }
    if (this.recent.length > this.memoryLines) this.recent.splice(0, this.recent.length - this.memoryLines);
  }

  /** Each complete line as it is written; returns the unsubscribe function. */
  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last `n` lines written (in memory; includes an unterminated last line). */
  tail(n = 20): string[] {
    const all = this.partial.trim() ? [...this.recent, this.partial] : this.recent;
    return all.slice(-n);
  }

  /** Forgets the in-memory lines (the file keeps them), so a new run's errors show only its own log. */
  resetMemory(): void {
    this.recent = [];
    this.partial = '';
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
