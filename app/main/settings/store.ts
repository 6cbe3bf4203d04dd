// Berth's settings: one store per process, kept in settings.json in the config dir (BERTH_HOME moves
// it), validated by the contract's schema, missing fields filled with defaults. Everyone in the process
// reads it and hears its changes: the handlers through the API context, the desktop shell through
// onChange. A file that cannot be read as settings is kept beside as settings.json.corrupt-<date>,
// reported once, and replaced by the defaults. The shell's old desktop.json is taken in once.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomically } from '../../engine/util/atomic-write';
import {
  applySettingsPatch,
  settingsSchema,
  type BerthSettings,
  type SettingsPatch,
  type SettingsState,
} from '../../shared/contract/areas/settings';
import { Emitter, type Subscription } from '../../shared/emitter';
import { takeLegacyDesktopFile } from './legacy-desktop-file';
import { RecentComposeProjects } from './recent-compose';

export const SETTINGS_FILE = 'settings.json';

export const defaultSettings = (): BerthSettings => settingsSchema.parse({});

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

export class SettingsStore {
  readonly file: string;
  private current: BerthSettings | undefined;
  private problem: string | undefined;
  private readonly changes = new Emitter<BerthSettings>({ name: 'the settings' });

  constructor(
    readonly configDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = join(configDir, SETTINGS_FILE);
    this.recentCompose = new RecentComposeProjects(configDir);
  }

  /** The compose projects opened lately, kept beside the settings. */
  readonly recentCompose: RecentComposeProjects;

  /** The settings, loading them on first use. Never throws for a bad file. */
  get(): SettingsState {
    this.current ??= this.load();
    return { settings: this.current, file: this.file, ...(this.problem ? { problem: this.problem } : {}) };
  }

  /** Applies a validated patch and persists the whole; listeners hear the new settings. */
  update(patch: SettingsPatch): SettingsState {
    const next = applySettingsPatch(this.get().settings, patch);
    writeJsonAtomically(this.file, next);
    this.current = next;
    this.problem = undefined;
    this.changes.emit(next);
    return this.get();
  }

  /** Each change, with the whole new settings. */
  onChange(listener: (settings: BerthSettings) => void): Subscription {
    return this.changes.on(listener);
  }

  private load(): BerthSettings {
    const loaded = this.read();
    const legacy = takeLegacyDesktopFile(this.configDir, (values) => {
      const merged = applySettingsPatch(loaded, values);
      writeJsonAtomically(this.file, merged);
      return merged;
    });
    return legacy ?? loaded;
  }

  private read(): BerthSettings {
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
