// Which field of a run a refusal from the engine concerns. Decided once, here, from the step that
// failed (create or start) and the engine's own words (never from Berth's sentence), so a form can
// show it next to that field; a failure that concerns no field (an internal error) gets none.
import { BerthError } from '../../shared/errors';

export type RunStep = 'create' | 'start';

/** The engine's messages, by step, and the field each concerns; first match wins. */
const table: Record<RunStep, [RegExp, string][]> = {
  create: [
    [/no such image|invalid reference format|pull access denied|repository .* not found|manifest unknown/i, 'image'],
    [/container name|name .* is already in use/i, 'name'],
    [/invalid port|port ?bindings|invalid (host|container)port|invalid proto/i, 'ports'],
    [
      /invalid mount|invalid volume|mount config|bind source|volume specification|mounts? denied|duplicate mount/i,
      'volumes',
    ],
    [/network .*not found|no such network|network mode|conflicting options: .*network/i, 'network'],
    [/restart policy|restartpolicy/i, 'restart'],
    [/invalid environment|env(ironment)? variable/i, 'env'],
  ],
  start: [
    [
      /port is already allocated|address already in use|bind for .* failed|userland proxy|cannot assign requested address/i,
      'ports',
    ],
    [/error (while )?mounting|mounting .* to rootfs|bind source path|invalid mount/i, 'volumes'],
    [
      /executable file not found|exec format error|process caused: exec: |no such file or directory: unknown/i,
      'command',
    ],
    [/network .*not found|no such network|failed to (set up|create) endpoint/i, 'network'],
  ],
};

/** The field an engine refusal at `step` concerns, from the engine's own words; undefined for none. */
export function runErrorField(step: RunStep, engineWords: string): string | undefined {
  return table[step].find(([re]) => re.test(engineWords))?.[1];
}

/** The error with its field set (when it has none yet and the engine's words name one). */
export function withRunField(step: RunStep, err: unknown): unknown {
  if (!(err instanceof BerthError) || err.field || err.kind === 'unavailable') return err;
  const field = runErrorField(step, err.detail ?? '');
  return field ? new BerthError({ ...err.toJSON(), field }) : err;
}
