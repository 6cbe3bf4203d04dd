// troubleshoot.*: the diagnostics bundle (one .tar.gz, downloaded), purging the data of Berth's
// managed engine, and resetting Berth's settings to their defaults. Each destructive action has a
// preview that states exactly what goes, and runs only with that preview's token (so what is deleted
// is what was shown) and an explicit confirmation from the user.
import { z } from 'zod';
import { request, subscription } from '../define';
import type { TaskInfo } from '../dto';
import { notificationLabels, type BerthSettings, type NotificationKind, type SettingsState } from './settings';
import type { DownloadItem } from './transfers';

const none = z.strictObject({});

/** The word the user types to confirm a purge. */
export const PURGE_WORD = 'purge';

export interface CountAndSize {
  count: number;
  /** Bytes, as the engine counts them (docker system df). */
  size: number;
}

export type PurgePreview =
  | {
      offered: false;
      /** Why Berth does not offer it for this engine, and what purging would mean there. */
      reason: string;
    }
  | {
      offered: true;
      /** The engine's name, e.g. "Berth's engine (dockerd)". */
      engine: string;
      /** The folder that is deleted. */
      dataRoot: string;
      containers: CountAndSize & { running: number };
      images: CountAndSize;
      volumes: CountAndSize;
      buildCache: CountAndSize;
      /** Everything under the data-root as the disk counts it (shared layers once), when it could be measured. */
      onDisk?: number;
      /** Why `onDisk` is missing. */
      onDiskNote?: string;
      /** What stays, as sentences. */
      kept: string[];
      /** Names what the preview counted; the purge refuses when the engine holds something else by then. */
      token: string;
    };

export interface SettingChange {
  /** Dotted path in the settings, e.g. "notifications.taskFinished". */
  path: string;
  label: string;
  current: string;
  default: string;
}

export interface ResetPreview {
  /** Each setting that differs from its default (empty: nothing would change). */
  changes: SettingChange[];
  /** What a reset keeps, as sentences. */
  kept: string[];
  /** The settings file. */
  file: string;
  /** Names the settings the preview compared; the reset refuses when they changed since. */
  token: string;
}

const token = z.string().min(1).max(128);

export const troubleshootRequests = {
  /** What purging the managed engine's data would delete, counted now; or why it is not offered. */
  'troubleshoot.purgePreview': request<PurgePreview>()(none),
  /**
   * Stops the managed engine, deletes its data-root and starts it empty, as a task. Needs the
   * preview's token and the word typed by the user.
   */
  'troubleshoot.purge': request<TaskInfo>()(
    z.strictObject({
      token,
      confirm: z
        .string()
        .max(64)
        .refine((s) => s.trim().toLowerCase() === PURGE_WORD, `Type ${PURGE_WORD} to confirm.`),
    }),
  ),
  /** Which settings a reset to defaults would change. */
  'troubleshoot.resetPreview': request<ResetPreview>()(none),
  /** Puts every setting back to its default; `changed` lists the labels of those that changed. */
  'troubleshoot.reset': request<SettingsState & { changed: string[] }>()(z.strictObject({ token })),
};

export const troubleshootSubscriptions = {
  /** The diagnostics bundle: versions, checks, engine info, logs, settings without secrets, as one .tar.gz. */
  'troubleshoot.bundle': subscription<DownloadItem>()(none),
};

const plainLabels: Record<string, string> = {
  startAtLogin: 'Start Berth at login',
  startMinimized: 'Start in the tray only',
  closeToTray: 'Closing the window keeps Berth in the tray',
  engineOnQuit: "On quit, Berth's engine",
  'tray.showStopped': 'The tray lists stopped containers',
  'tray.showCompose': 'The tray lists compose projects',
  theme: 'Theme',
  terminalShell: 'Terminal shell',
  'vm.cpus': "CPUs of Berth's VM",
  'vm.memoryGiB': "Memory of Berth's VM (GiB)",
  'vm.diskGiB': "Disk of Berth's VM (GiB)",
  'vm.idleMinutes': "Idle minutes before Berth's VM stops",
};

export function settingLabel(path: string): string {
  const [head, tail] = path.split('.');
  if (head === 'notifications' && tail && tail in notificationLabels)
    return `Notify: ${notificationLabels[tail as NotificationKind]}`;
  return plainLabels[path] ?? path;
}

const show = (v: unknown): string =>
  typeof v === 'boolean' ? (v ? 'on' : 'off') : typeof v === 'string' ? v : JSON.stringify(v);

function leaves(o: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? leaves(v as Record<string, unknown>, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

/** Each setting of `current` that differs from `defaults`, in the settings' order. */
export function settingsChanges(current: BerthSettings, defaults: BerthSettings): SettingChange[] {
  const base = new Map(leaves(defaults as unknown as Record<string, unknown>));
  return leaves(current as unknown as Record<string, unknown>)
    .filter(([path, v]) => JSON.stringify(v) !== JSON.stringify(base.get(path)))
    .map(([path, v]) => ({ path, label: settingLabel(path), current: show(v), default: show(base.get(path)) }));
}
