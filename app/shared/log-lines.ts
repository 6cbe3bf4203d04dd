// Log bytes into lines, for both ends: the engine facade (whole lines for Node callers) and the page
// (a container's log arrives as bytes, containers.logs). Each stream (stdout, stderr) has its own
// streaming UTF-8 decoder, so a character split across chunks survives and invalid bytes show as
// U+FFFD; a line may span any number of chunks. A line's trailing \r (a TTY's \r\n) is dropped;
// with timestamps, the engine's RFC 3339 time before the first space is split off.

/** Receives each complete line: its text, whether it came from stderr, and its timestamp if any. */
export type LineSink = (text: string, stderr: boolean, ts: string | undefined) => void;

const MAX_TS = 40;

/** Whether `line` starts with something shaped like an RFC 3339 time that ends at `sp`. */
export function looksLikeTimestamp(line: string, sp: number): boolean {
  return sp >= 19 && sp <= MAX_TS && line.charCodeAt(4) === 45 /* - */ && line.charCodeAt(10) === 84; /* T */
}

interface Pending {
  decoder: InstanceType<typeof TextDecoder>;
  partial: string;
}

export class LogLineSplitter {
  private readonly out: Pending = { decoder: new TextDecoder('utf-8'), partial: '' };
  private readonly err: Pending = { decoder: new TextDecoder('utf-8'), partial: '' };

  /** `timestamps`: every line starts with the engine's time and a space (logs asked with timestamps). */
  constructor(private readonly timestamps = false) {}

  /** Feeds bytes of one stream; `emit` gets the lines they complete, in order. */
  push(bytes: Uint8Array, stderr: boolean, emit: LineSink): void {
    const st = stderr ? this.err : this.out;
    const text = st.decoder.decode(bytes, { stream: true });
    if (text === '') return;
    let nl = text.indexOf('\n');
    if (nl === -1) {
      st.partial += text;
      return;
    }
    this.emit(st.partial + text.slice(0, nl), stderr, emit);
    st.partial = '';
    let start = nl + 1;
    while ((nl = text.indexOf('\n', start)) !== -1) {
      this.emit(text.slice(start, nl), stderr, emit);
      start = nl + 1;
    }
    st.partial = start < text.length ? text.slice(start) : '';
  }

  /** The stream has ended: the last unterminated line of each stream (stdout first) comes out. */
  end(emit: LineSink): void {
    for (const stderr of [false, true]) {
      const st = stderr ? this.err : this.out;
      const text = st.partial + st.decoder.decode();
      st.partial = '';
      if (text !== '') this.emit(text, stderr, emit);
    }
  }

  private emit(line: string, stderr: boolean, emit: LineSink): void {
    if (line.charCodeAt(line.length - 1) === 13 /* \r */) line = line.slice(0, -1);
    if (this.timestamps) {
      const sp = line.indexOf(' ');
      if (sp > 0 && looksLikeTimestamp(line, sp)) return emit(line.slice(sp + 1), stderr, line.slice(0, sp));
      // A message ending exactly at the line end: "TIMESTAMP" with nothing after it.
      if (sp === -1 && line.length >= 19 && line.length <= MAX_TS && looksLikeTimestamp(line + ' ', line.length))
        return emit('', stderr, line);
    }
    emit(line, stderr, undefined);
  }
}
