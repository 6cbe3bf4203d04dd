// Turns the engine's log bytes into each stream's bytes (LogDemuxer), and those into lines
// (LogParser, with the shared LogLineSplitter). Multiplexed streams are demultiplexed from BYTES
// (FrameSplitter) before any decoding. With timestamps, the engine splits a long line into 16 KB
// messages that each carry their own timestamp: those of continuation messages belong to no line
// and are dropped here, at the byte level, so every consumer of the bytes sees one time per line.

import type { LogLine } from '../../shared/contract/dto';
import { LogLineSplitter, type LineSink } from '../../shared/log-lines';
import { FrameSplitter, type FrameStream } from './log-demux-frames';

export type { LogLine };
export type LogStream = LogLine['stream'];

export interface LogParserOptions {
  /** The container runs with a TTY: the bytes are raw terminal output, not framed. */
  tty: boolean;
  /** The engine prefixes each message with an RFC 3339 timestamp and a space. */
  timestamps?: boolean;
}

/** Receives a run of one stream's bytes: a view of a buffer made for that push (or the chunk itself), kept valid. */
export type RunSink = (stderr: boolean, bytes: Uint8Array) => void;

const NL = 0x0a;
const SPACE = 0x20;
const MAX_TS = 40;
/** Pieces shorter than this are copied byte by byte (cheaper than a view per piece). */
const SMALL = 64;

export class LogDemuxer {
  private readonly tty: boolean;
  private readonly timestamps: boolean;
  private readonly frames = new FrameSplitter();
  /** Per stream (0 stdout, 1 stderr): the last byte seen, to know whether a new frame continues a line. */
  private readonly lastByte = [NL, NL];
  /** Per stream: bytes so far of a continuation frame's timestamp being dropped (-1: none). */
  private readonly skipping = [-1, -1];

  constructor(opts: LogParserOptions) {
    this.tty = opts.tty;
    this.timestamps = !!opts.timestamps;
  }

  /** Feeds one chunk; `onRun` gets each run of one stream's bytes, in order. */
  push(chunk: Uint8Array, onRun: RunSink): void {
    if (this.tty) {
      if (chunk.length) onRun(false, chunk);
      return;
    }
    let out: Uint8Array | undefined;
    let fill = 0;
    let runStart = 0;
    let runErr = false;
    const flush = () => {
      if (out && fill > runStart) onRun(runErr, out.subarray(runStart, fill));
      runStart = fill;
    };
    this.frames.pushPieces(
      chunk,
      (stream: FrameStream, c: Uint8Array, start: number, end: number) => {
        const e = stream === 'stderr' ? 1 : 0;
        const skip = this.skipping[e]!;
        if (skip >= 0) {
          let sp = c.indexOf(SPACE, start);
          if (sp >= end) sp = -1;
          if (sp >= 0 && skip + (sp - start) <= MAX_TS) {
            start = sp + 1;
            this.skipping[e] = -1;
          } else if (sp < 0 && skip + (end - start) <= MAX_TS) {
            this.skipping[e] = skip + (end - start);
            return;
          } else this.skipping[e] = -1;
        }
        if (start >= end) return;
        this.lastByte[e] = c[end - 1]!;
        if ((e === 1) !== runErr) {
          flush();
          runErr = e === 1;
        }
        out ??= Buffer.allocUnsafe(chunk.length + 8);
        const n = end - start;
        if (n < SMALL) for (let i = 0; i < n; i++) out[fill + i] = c[start + i]!;
        else out.set(c.subarray(start, end), fill);
        fill += n;
      },
      (stream) => {
        const e = stream === 'stderr' ? 1 : 0;
        if (this.timestamps && this.lastByte[e] !== NL) this.skipping[e] = 0;
      },
    );
    flush();
  }
}

export class LogParser {
  private readonly demux: LogDemuxer;
  private readonly lines: LogLineSplitter;

  constructor(opts: LogParserOptions) {
    this.demux = new LogDemuxer(opts);
    this.lines = new LogLineSplitter(!!opts.timestamps);
  }

  /** Feeds one chunk of bytes; returns the lines it completed, in order. */
  push(chunk: Uint8Array): LogLine[] {
    const out: LogLine[] = [];
    const sink = collect(out);
    this.demux.push(chunk, (stderr, bytes) => this.lines.push(bytes, stderr, sink));
    return out;
  }

  /** Ends the stream: the last unterminated line (and any incomplete character) comes out. */
  end(): LogLine[] {
    const out: LogLine[] = [];
    this.lines.end(collect(out));
    return out;
  }
}

function collect(out: LogLine[]): LineSink {
  return (text, stderr, ts) => {
    const stream = stderr ? 'stderr' : 'stdout';
    out.push(ts !== undefined ? { stream, text, ts } : { stream, text });
  };
}

/** Parses a whole log buffer (e.g. dockerode's answer to a non-follow logs call) with the same parser. */
export function parseLogBuffer(buf: Uint8Array, opts: LogParserOptions): LogLine[] {
  const p = new LogParser(opts);
  const lines = p.push(buf);
  for (const l of p.end()) lines.push(l);
  return lines;
}
