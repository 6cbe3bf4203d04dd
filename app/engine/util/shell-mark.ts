// A terminal opened without a shell given (a container's or a pod's) runs one script in its one exec:
// bash when the container has it, else sh. The script first says which, as a private escape
// sequence (SHELL_MARK) that Berth takes off the output before anyone sees it, so the terminal can
// name the shell it runs without a second exec to find out.
import type { Readable } from 'node:stream';

const SHELL_MARK = '\x1b]berth-shell;';
const SCRIPT =
  "if command -v bash >/dev/null 2>&1; then printf '\\033]berth-shell;bash\\007'; exec bash; fi; " +
  "printf '\\033]berth-shell;sh\\007'; exec sh";

/** The command of a terminal whose shell is not given, run by `sh` (a name or a path). */
export const autoShell = (sh: string): string[] => [sh, '-c', SCRIPT];
/** How long a terminal waits for its shell to say which it is before it shows the output as it comes. */
const SHELL_MARK_WAIT_MS = 10_000;

/**
 * Reads the start of a session's output until it holds the shell's mark, or the stream ends, or
 * SHELL_MARK_WAIT_MS pass. Output that is not the mark means sh did not run the script: the engine
 * is writing why it could not start it, so that is read to its end (briefly). Returns the shell
 * named, the bytes after the mark (or all bytes read, without one), and whether the stream ended.
 */
export function readShellMark(sock: Readable): Promise<{ shell?: string; rest: Buffer; ended: boolean }> {
  const mark = Buffer.from(SHELL_MARK, 'latin1');
  return new Promise((resolve) => {
    let buf: Buffer = Buffer.alloc(0);
    let ended = false;
    let timer = setTimeout(() => finish(), SHELL_MARK_WAIT_MS);
    let strange = false;
    const finish = () => {
      clearTimeout(timer);
      sock.off('readable', onReadable);
      sock.off('end', onEnd);
      sock.off('close', onEnd);
      const bel = buf.indexOf(0x07, mark.length);
      const shell = bel > 0 && buf.subarray(0, mark.length).equals(mark) && buf.toString('latin1', mark.length, bel);
      if (shell === 'bash' || shell === 'sh') resolve({ shell, rest: buf.subarray(bel + 1), ended });
      else resolve({ rest: buf, ended });
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while ((chunk = sock.read() as Buffer | null) !== null) {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        const n = Math.min(buf.length, mark.length);
        if (!strange && !buf.subarray(0, n).equals(mark.subarray(0, n))) {
          // Not the mark: wait a moment for the end of the engine's message.
          strange = true;
          clearTimeout(timer);
          timer = setTimeout(finish, 1000);
        }
        if (strange ? buf.length > 4096 : buf.indexOf(0x07, mark.length) > 0 || buf.length > mark.length + 64)
          return finish();
      }
    };
    const onEnd = () => {
      ended = true;
      finish();
    };
    sock.on('readable', onReadable);
    sock.once('end', onEnd);
    sock.once('close', onEnd);
    onReadable();
  });
}
