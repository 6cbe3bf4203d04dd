// The engine choice, persisted as a small JSON file in Berth's config dir.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomically } from '../util/atomic-write';

export type EngineChoice =
  | { kind: 'native' }
  | { kind: 'rootless' }
  | { kind: 'external'; url: string; label?: string }
  /** Berth's engine in a Lima VM (macOS; on Linux the optional isolated VM). */
  | { kind: 'lima' }
  /** Berth's engine in a WSL 2 distro (Windows). */
  | { kind: 'wsl' }
  /** Berth's isolated engine in a QEMU VM (Linux). */
  | { kind: 'linux-vm' };

export interface SelectionFile {
  version: 1;
  active?: EngineChoice;
  /** The explicit socket/URL the user typed in settings (first in external detection). */
  explicitAddress?: string;
}

export const SELECTION_FILE = 'engine.json';

function isChoice(v: unknown): v is EngineChoice {
  const c = v as EngineChoice | undefined;
  return (
    !!c &&
    (c.kind === 'native' ||
      c.kind === 'rootless' ||
      c.kind === 'lima' ||
      c.kind === 'wsl' ||
      c.kind === 'linux-vm' ||
      (c.kind === 'external' && typeof c.url === 'string' && c.url.length > 0))
  );
}

export function readSelection(configDir: string): SelectionFile {
  try {
    const raw = JSON.parse(readFileSync(join(configDir, SELECTION_FILE), 'utf8')) as Partial<SelectionFile>;
    return {
      version: 1,
      ...(isChoice(raw.active) ? { active: raw.active } : {}),
      ...(typeof raw.explicitAddress === 'string' && raw.explicitAddress
        ? { explicitAddress: raw.explicitAddress }
        : {}),
    };
  } catch {
    return { version: 1 };
  }
}

/** Writes atomically (temp file + rename), readable by the user only. */
export function writeSelection(configDir: string, file: SelectionFile): void {
  writeJsonAtomically(join(configDir, SELECTION_FILE), file);
}
