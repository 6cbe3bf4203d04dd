// settings.* requests and the settings' shape: one schema, with defaults, shared by the store that
// persists them, the settings page that edits them and the desktop shell that applies them.
import { z } from 'zod';
import { request } from '../define';
import { vmSettings, vmSettingsPatch } from './vm';

export const notificationKinds = [
  'taskFinished',
  'taskFailed',
  'containerExited',
  'containerOom',
  'restartLoop',
  'engine',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationLabels: Record<NotificationKind, string> = {
  taskFinished: 'A long task finished',
  taskFailed: 'A long task failed',
  containerExited: 'A container exited unexpectedly',
  containerOom: 'A container ran out of memory',
  restartLoop: 'A container keeps restarting',
  engine: 'The engine stopped, failed or restarted',
};

export const themeChoices = ['system', 'light', 'dark'] as const;
export const engineOnQuitChoices = ['stop', 'leave'] as const;

export const terminalShell = z
  .string()
  .max(256)
  .refine(
    (s) => s === 'auto' || /^\/[A-Za-z0-9_./-]+$/.test(s),
    'The shell is "auto" or an absolute path such as /bin/bash.',
  );

const notifications = z.strictObject(
  Object.fromEntries(notificationKinds.map((k) => [k, z.boolean().default(true)])) as Record<
    NotificationKind,
    z.ZodDefault<z.ZodBoolean>
  >,
);

const tray = z.strictObject({
  /** The tray menu lists stopped containers too. */
  showStopped: z.boolean().default(true),
  /** The tray menu lists compose projects. */
  showCompose: z.boolean().default(true),
});

export const settingsSchema = z.strictObject({
  version: z.literal(1).default(1),
  /** Start Berth when the user logs in (desktop). */
  startAtLogin: z.boolean().default(false),
  /** Start without showing the window, in the tray only (desktop). */
  startMinimized: z.boolean().default(false),
  /** Closing the window keeps Berth in the tray (desktop). */
  closeToTray: z.boolean().default(true),
  /** On quit: stop Berth's managed engine, or leave it running for the next start (desktop). */
  engineOnQuit: z.enum(engineOnQuitChoices).default('stop'),
  /** What the tray menu lists (desktop). */
  tray: tray.prefault({}),
  notifications: notifications.prefault({}),
  theme: z.enum(themeChoices).default('system'),
  /** The shell a new terminal opens: "auto" tries bash, then sh. */
  terminalShell: terminalShell.default('auto'),
  /** Resources and idle saver of Berth's VM (macOS, Windows, or the isolated VM on Linux). */
  vm: vmSettings.prefault({}),
});
export type BerthSettings = z.output<typeof settingsSchema>;

export const settingsPatch = z.strictObject({
  startAtLogin: z.boolean().optional(),
  startMinimized: z.boolean().optional(),
  closeToTray: z.boolean().optional(),
  engineOnQuit: z.enum(engineOnQuitChoices).optional(),
  tray: z.strictObject({ showStopped: z.boolean().optional(), showCompose: z.boolean().optional() }).optional(),
  notifications: z
    .strictObject(
      Object.fromEntries(notificationKinds.map((k) => [k, z.boolean().optional()])) as Record<
        NotificationKind,
        z.ZodOptional<z.ZodBoolean>
      >,
    )
    .optional(),
  theme: z.enum(themeChoices).optional(),
  terminalShell: terminalShell.optional(),
  vm: vmSettingsPatch.optional(),
});
export type SettingsPatch = z.input<typeof settingsPatch>;

/** The fields of a partial object that are set. */
const defined = (o: object | undefined) =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));

const sections = ['notifications', 'vm', 'tray'] as const;

/** `base` with the set fields of `patch`; sections (notifications, vm, tray) merge field by field. */
export function applySettingsPatch(base: BerthSettings, patch: SettingsPatch): BerthSettings {
  return settingsSchema.parse({
    ...base,
    ...Object.fromEntries(
      Object.entries(patch).filter(([k, v]) => v !== undefined && !(sections as readonly string[]).includes(k)),
    ),
    notifications: { ...base.notifications, ...defined(patch.notifications) },
    vm: { ...base.vm, ...defined(patch.vm) },
    tray: { ...base.tray, ...defined(patch.tray) },
  });
}

export interface SettingsState {
  settings: BerthSettings;
  /** Where they are kept. */
  file: string;
  /** Set when the file was unreadable: what happened and where the old file was kept. */
  problem?: string;
}

export const settingsRequests = {
  'settings.get': request<SettingsState>()(z.strictObject({})),
  'settings.update': request<SettingsState>()(settingsPatch),
};
