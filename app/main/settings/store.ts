// Berth's persisted settings: one JSON file in the config dir (BERTH_HOME moves it), validated by the
// contract's schema, missing fields filled with defaults. A file that cannot be read as settings is
// kept beside as settings.json.corrupt-<date>, reported once, and replaced by the defaults.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  settingsSchema,
  type BerthSettings,
  type SettingsPatch,
  type SettingsState,
} from '../../shared/contract/areas/settings';
import { syncDesktopFile } from './desktop-sync';

export const SETTINGS_FILE = 'settings.json';

export const defaultSettings = (): BerthSettings => settingsSchema.parse({});

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

function writeAtomically(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

/** The fields of a partial patch that are set. */
const defined = (o: object | undefined) =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));

export class SettingsStore {
  readonly file: string;
  private current: BerthSettings | undefined;
  private problem: string | undefined;

  constructor(
    readonly configDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = join(configDir, SETTINGS_FILE);
  }

  /** The settings, loading them on first use. Never throws for a bad file. */
  get(): SettingsState {
    this.current ??= this.load();
    return { settings: this.current, file: this.file, ...(this.problem ? { problem: this.problem } : {}) };
  }

  /** Applies a validated patch, persists the whole, and mirrors the desktop fields for the shell. */
  update(patch: SettingsPatch): SettingsState {
    const base = this.get().settings;
    const next = settingsSchema.parse({
      ...base,
      ...Object.fromEntries(
        Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'notifications' && k !== 'vm'),
      ),
      notifications: { ...base.notifications, ...defined(patch.notifications) },
      vm: { ...base.vm, ...defined(patch.vm) },
    });
    mkdirSync(this.configDir, { recursive: true, mode: 0o700 });
    writeAtomically(this.file, next);
    syncDesktopFile(this.configDir, next);
    this.current = next;
    this.problem = undefined;
    return this.get();
  }

  private load(): BerthSettings {
    if (!existsSync(this.file)) return defaultSettings();
    let why: string;
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      why = `${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'not valid'}`;
    } catch (err) {
      why = (err as Error).message;
    }
    const kept = `${this.file}.corrupt-${stamp(this.now())}`;
    try {
      renameSync(this.file, kept);
      this.problem = `Berth's settings file could not be read (${why}), so the defaults are in use. The old file was kept as ${kept}.`;
    } catch (err) {
      this.problem = `Berth's settings file could not be read (${why}), so the defaults are in use; moving it aside failed too (${(err as Error).message}).`;
    }
    return defaultSettings();
  }
}
