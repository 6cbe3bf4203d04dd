// A terminal's stream as the contract carries it (a container's exec, its debug shell, a pod's
// exec): input is keystrokes as bytes and resizes; items are started, bytes, exit.
import { z } from 'zod';
import { bytesInput, type BytesItem } from './frames';

/** Bytes of keystrokes or pasted text one input may carry. */
export const MAX_EXEC_INPUT_BYTES = 64 * 1024;

export const execInput = z.discriminatedUnion('type', [
  /** Keystrokes or pasted text, as the terminal's bytes (UTF-8). */
  bytesInput(MAX_EXEC_INPUT_BYTES, 'Terminal input'),
  z.strictObject({
    type: z.literal('resize'),
    cols: z.number().int().min(1).max(1000),
    rows: z.number().int().min(1).max(1000),
  }),
]);
export type ExecInput = z.infer<typeof execInput>;

/**
 * A terminal: `started` once the exec runs (with the shell it chose, when known), its output as
 * bytes, then `exit`.
 */
export type ExecItem = BytesItem | { type: 'started'; shell: string } | { type: 'exit'; exitCode: number | null };
