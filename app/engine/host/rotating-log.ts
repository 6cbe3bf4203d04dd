// The engine's log: a file that rotates by size (file, file.1 … file.N), with the last lines kept in
// memory for error reports. Berth appends its own lines; an engine process may append to the same file
// directly (appendFd), so it keeps logging when Berth is gone, and Berth reads those lines back as they
// land (follow) — the memory and the line listeners see both, in file order.
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  truncateSync,
  watch,
  writeSync,
  renameSync,
  type FSWatcher,
} from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { Emitter, type Subscription } from '../../shared/emitter';

export interface RotatingLogOptions {
  /** Rotate when the file grows past this many bytes. */
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. */
  keep?: number;
  /** How many recent lines to keep in memory. */
  memoryLines?: number;
}

/** Reading back more than this at once (a flood while nobody looked) keeps only its end. */
const MAX_CATCH_UP = 1 << 20;

export class RotatingLog {
  private fd: number | undefined;
  /** Bytes of the current file already read into memory. */
  private offset: number;
  private decoder = new StringDecoder('utf8');
  private partial = '';
  private recent: string[] = [];
  private watcher: FSWatcher | undefined;
  private readonly lines = new Emitter<string>({ name: 'the engine log' });
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
    this.offset = sizeOf(file) ?? 0; // what is there already belongs to earlier runs
  }

  private open(): number {
    this.fd ??= openSync(this.file, 'a', 0o600);
    return this.fd;
  }

  /**
   * A descriptor appending to the log, for a child's stdout and stderr: the child writes straight to
   * the file, so its output survives Berth. The caller closes it once the child is spawned.
   */
  appendFd(): number {
    return openSync(this.file, 'a', 0o600);
  }

  /** Copy-then-truncate, so a process appending to the file keeps writing to the current one. */
  private rotate(): void {
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    if (this.keep > 0 && existsSync(this.file)) copyFileSync(this.file, `${this.file}.1`);
    if (existsSync(this.file)) truncateSync(this.file, 0);
    this.offset = 0;
  }

  write(chunk: Buffer | string): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.catchUp();
    const size = sizeOf(this.file) ?? 0;
    if (size + buf.length > this.maxBytes && size > 0) this.rotate();
    writeSync(this.open(), buf);
    this.catchUp();
  }

  /** A marker line written by Berth itself (start, restart, stop), so the file reads as a story. */
  mark(line: string): void {
    this.write(`--- berth ${new Date().toISOString()} ${line}\n`);
  }

  /** Reads what was appended since the last look (by Berth or by a process writing to the file). */
  catchUp(): void {
    const size = sizeOf(this.file);
    if (size === undefined) return;
    if (size < this.offset) this.offset = 0; // truncated or replaced under us
    if (size > this.offset) {
      const start = Math.max(this.offset, size - MAX_CATCH_UP);
      const buf = Buffer.alloc(size - start);
      let fd: number | undefined;
      try {
        fd = openSync(this.file, 'r');
        const n = readSync(fd, buf, 0, buf.length, start);
        this.offset = start + n;
        this.remember(this.decoder.write(buf.subarray(0, n)));
      } catch {
        /* unreadable for a moment: the next change reads it */
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    }
    if (this.offset > this.maxBytes) this.rotate();
  }

  /** Follows the file: lines an engine process appends reach memory and listeners as they land. */
  follow(): void {
    if (this.watcher) return;
    this.open();
    try {
      this.watcher = watch(this.file, { persistent: false }, () => this.catchUp());
      this.watcher.on('error', () => this.unfollow());
    } catch {
      this.watcher = undefined; // no inotify: tail() still reads the file when asked
    }
    this.catchUp();
  }

  unfollow(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private remember(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const l of lines)
      if (l.trim()) {
        this.recent.push(l);
        this.lines.emit(l);
      }
    if (this.recent.length > this.memoryLines) this.recent.splice(0, this.recent.length - this.memoryLines);
  }

  /** Each complete line as it is written; returns the unsubscribe function. */
  onLine(listener: (line: string) => void): Subscription {
    return this.lines.on(listener);
  }

  /** The last `n` lines written (includes an unterminated last line). */
  tail(n = 20): string[] {
    this.catchUp();
    const all = this.partial.trim() ? [...this.recent, this.partial] : this.recent;
    return all.slice(-n);
  }

  /** Forgets the in-memory lines (the file keeps them), so a new run's errors show only its own log. */
  resetMemory(): void {
    this.catchUp();
    this.recent = [];
    this.partial = '';
  }

  close(): void {
    this.unfollow();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}
