// Turns the engine's log bytes into lines. Multiplexed streams are demultiplexed from BYTES
// (8-byte headers: [stream, 0, 0, 0, size uint32 BE]) before any decoding; each stream has its
// own streaming UTF-8 decoder, so a character split across frames or chunks survives and
// invalid bytes show as U+FFFD. Lines may span any number of chunks.

import { TextDecoder } from 'node:util';
import type { LogLine } from '../../shared/contract/dto';
import { frameSize } from './log-demux-frames';

export type { LogLine };
export type LogStream = LogLine['stream'];

export interface LogParserOptions {
  /** The container runs with a TTY: the bytes are raw terminal output, not framed. */
  tty: boolean;
  /** The engine prefixes each message with an RFC 3339 timestamp and a space. */
  timestamps?: boolean;
}

interface StreamState {
  decoder: TextDecoder;
  partial: string;
  /** The last byte seen on this stream, to know whether a new frame continues a line. */
  lastByte: number;
  /** Bytes left to drop of a continuation frame's timestamp prefix (-1: none pending). */
  skipping: number;
}

const NL = 0x0a;
const SPACE = 0x20;
const MAX_TS = 40;

function looksLikeTimestamp(line: string, sp: number): boolean {
  return sp >= 19 && sp <= MAX_TS && line.charCodeAt(4) === 45 /* - */ && line.charCodeAt(10) === 84; /* T */
}

export class LogParser {
  private readonly tty: boolean;
  private readonly timestamps: boolean;
  private readonly header = new Uint8Array(8);
  private headerFill = 0;
  private remaining = 0;
  private current: LogStream = 'stdout';
  private raw = false;
  private framesSeen = 0;
  private readonly streams: Record<LogStream, StreamState>;

  constructor(opts: LogParserOptions) {
    this.tty = opts.tty;
    this.raw = opts.tty;
    this.timestamps = !!opts.timestamps;
    const state = (): StreamState => ({ decoder: new TextDecoder('utf-8'), partial: '', lastByte: NL, skipping: -1 });
    this.streams = { stdout: state(), stderr: state() };
  }

  /** Feeds one chunk of bytes; returns the lines it completed, in order. */
  push(chunk: Uint8Array): LogLine[] {
    const out: LogLine[] = [];
    if (this.raw) {
      this.feed('stdout', chunk, out);
      return out;
    }
    let pos = 0;
    let runStream: LogStream = this.current;
    let run: Uint8Array[] = [];
    const flushRun = () => {
      if (run.length === 0) return;
      this.feed(runStream, run.length === 1 ? run[0]! : Buffer.concat(run), out);
      run = [];
    };
    while (pos < chunk.length) {
      if (this.remaining === 0) {
        const take = Math.min(8 - this.headerFill, chunk.length - pos);
        this.header.set(chunk.subarray(pos, pos + take), this.headerFill);
        this.headerFill += take;
        pos += take;
        if (this.headerFill < 8) break;
        this.headerFill = 0;
        const h = this.header;
        const size = frameSize(h);
        if (size < 0) {
          // Not a frame header: the stream is not multiplexed after all (a TTY we were not told
          // about) or is corrupt. Show the bytes as they are rather than dropping them.
          flushRun();
          this.raw = true;
          this.feed('stdout', h.slice(), out);
          this.feed('stdout', chunk.subarray(pos), out);
          return out;
        }
        this.framesSeen++;
        this.current = h[0] === 2 ? 'stderr' : 'stdout';
        this.remaining = size;
        const st = this.streams[this.current];
        // A frame that continues a line (the engine splits long lines into 16 KB messages) carries
        // its own timestamp, which belongs to no line: drop it.
        if (this.timestamps && st.lastByte !== NL) st.skipping = 0;
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - pos);
      let piece = chunk.subarray(pos, pos + take);
      pos += take;
      this.remaining -= take;
      const st = this.streams[this.current];
      if (st.skipping >= 0) {
        const sp = piece.indexOf(SPACE);
        if (sp >= 0 && st.skipping + sp <= MAX_TS) {
          piece = piece.subarray(sp + 1);
          st.skipping = -1;
        } else if (sp < 0 && st.skipping + piece.length <= MAX_TS) {
          st.skipping += piece.length;
          piece = piece.subarray(piece.length);
        } else st.skipping = -1;
      }
      if (piece.length === 0) continue;
      st.lastByte = piece[piece.length - 1]!;
      if (runStream !== this.current) {
        flushRun();
        runStream = this.current;
      }
      run.push(piece);
    }
    flushRun();
    return out;
  }

  /** Ends the stream: the last unterminated line (and any incomplete character) comes out. */
  end(): LogLine[] {
    const out: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const st = this.streams[stream];
      const text = st.partial + st.decoder.decode();
      st.partial = '';
      if (text !== '') this.emit(stream, text, out);
    }
    return out;
  }

  /** Whether any frame header was seen (false for TTY or raw streams). */
  get multiplexed(): boolean {
    return !this.tty && this.framesSeen > 0 && !this.raw;
  }

  private feed(stream: LogStream, bytes: Uint8Array, out: LogLine[]): void {
    const st = this.streams[stream];
    const text = st.decoder.decode(bytes, { stream: true });
    if (text === '') return;
    let nl = text.indexOf('\n');
    if (nl === -1) {
      st.partial += text;
      return;
    }
    this.emit(stream, st.partial + text.slice(0, nl), out);
    st.partial = '';
    let start = nl + 1;
    while ((nl = text.indexOf('\n', start)) !== -1) {
      this.emit(stream, text.slice(start, nl), out);
      start = nl + 1;
    }
    st.partial = start < text.length ? text.slice(start) : '';
  }

  private emit(stream: LogStream, line: string, out: LogLine[]): void {
    if (line.charCodeAt(line.length - 1) === 13 /* \r */) line = line.slice(0, -1);
    if (this.timestamps) {
      const sp = line.indexOf(' ');
      if (sp > 0 && looksLikeTimestamp(line, sp)) {
        out.push({ stream, text: line.slice(sp + 1), ts: line.slice(0, sp) });
        return;
      }
      // A message ending exactly at the line end: "TIMESTAMP" with nothing after it.
      if (sp === -1 && line.length >= 19 && line.length <= MAX_TS && looksLikeTimestamp(line + ' ', line.length)) {
        out.push({ stream, text: '', ts: line });
        return;
      }
    }
    out.push({ stream, text: line });
  }
}

/** Parses a whole log buffer (e.g. dockerode's answer to a non-follow logs call) with the same parser. */
export function parseLogBuffer(buf: Uint8Array, opts: LogParserOptions): LogLine[] {
  const p = new LogParser(opts);
  const lines = p.push(buf);
  for (const l of p.end()) lines.push(l);
  return lines;
}
