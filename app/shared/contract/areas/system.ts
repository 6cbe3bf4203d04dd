// The engine page's requests: disk usage with a prune per kind, diagnostics, the engine's own log,
// detected engines and switching between them.
import { z } from 'zod';
import { request, subscription } from '../define';
import type { EngineStatus } from '../dto';

const none = z.strictObject({});

export const usageKinds = ['images', 'containers', 'volumes', 'buildCache'] as const;
export type UsageKind = (typeof usageKinds)[number];

export interface DiskUsageRow {
  kind: UsageKind;
  count: number;
  active: number;
  size: number;
  reclaimable: number;
}

export interface DiagnosticRow {
  id: string;
  title: string;
  status: 'passed' | 'failed' | 'skipped';
  detail: string;
  fix?: string;
}

export const engineAddress = z
  .string()
  .min(1, 'Give the engine address, e.g. unix:///var/run/docker.sock.')
  .max(1024)
  .regex(
    /^(unix|tcp|ssh|http|https):\/\/\S+$/,
    'An engine address starts with unix://, tcp://, ssh://, http:// or https://.',
  );

export const engineChoice = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('native') }),
  z.strictObject({ kind: z.literal('rootless') }),
  /** Berth's engine in a Lima VM (macOS) or a WSL 2 distro (Windows). */
  z.strictObject({ kind: z.literal('lima') }),
  z.strictObject({ kind: z.literal('wsl') }),
  /** Berth's isolated engine in a QEMU VM (Linux). */
  z.strictObject({ kind: z.literal('linux-vm') }),
  z.strictObject({ kind: z.literal('external'), url: engineAddress, label: z.string().max(200).optional() }),
]);
export type EngineChoiceArg = z.infer<typeof engineChoice>;

export interface DetectedEngine {
  label: string;
  url: string;
  source: string;
  reachable: boolean;
  reason: string;
  apiVersion?: string;
}

export interface EngineChoices {
  /** True when `berth serve --engine-socket` fixed the engine: nothing can be switched. */
  fixed: boolean;
  /** The saved choice (undefined before the first run decided one, or when fixed). */
  active?: EngineChoiceArg;
  /** Whether Berth can run its own engine here (dockerd installed). */
  managedAvailable: boolean;
  /** How Berth runs its own engine here: as root, rootless for a normal user, or in its VM (macOS, Windows). */
  managedKind: 'native' | 'rootless' | 'lima' | 'wsl';
  /** Berth's isolated VM on Linux: whether it can run here, and why not (or how: KVM or emulation). */
  linuxVm?: { available: boolean; reason: string };
  candidates: DetectedEngine[];
}

export const systemRequests = {
  /** Disk usage per kind, like `docker system df` (takes a moment on a big engine). */
  'engine.diskUsage': request<DiskUsageRow[]>()(none),
  /** Removes what is unused of one kind: stopped containers, dangling images, unused volumes, build cache. */
  'engine.prune': request<{ removed: number; spaceReclaimed: number }>()(z.strictObject({ kind: z.enum(usageKinds) })),
  'engine.diagnostics': request<DiagnosticRow[]>()(none),
  /** The last lines of the engine's own log (Berth's managed engine only). */
  'engine.logTail': request<{ lines: string[]; note?: string }>()(
    z.strictObject({ lines: z.number().int().min(1).max(5000).default(300) }),
  ),
  'engine.engines': request<EngineChoices>()(none),
  /** Makes another engine the active one (stops Berth's own when leaving it) and remembers it. */
  'engine.switch': request<EngineStatus>()(z.strictObject({ choice: engineChoice })),
};

export type EngineLogItem = { kind: 'line'; text: string } | { kind: 'note'; text: string } | { kind: 'reset' };

export const systemSubscriptions = {
  /** The engine's own log, live: the last `lines` lines, then each new one; `reset` starts over (rotation, switch). */
  'engine.log': subscription<EngineLogItem>()(
    z.strictObject({ lines: z.number().int().min(1).max(5000).default(300) }),
  ),
};
