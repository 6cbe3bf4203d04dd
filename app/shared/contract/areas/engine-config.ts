// The managed engine's settings (its daemon.json): read them, check an edited text (problems with
// the key and a sentence, what changes key by key, what a restart does to running containers), and
// apply it (written atomically, the engine restarted, the previous file put back when dockerd
// refuses the new one). Only for the engine Berth runs itself; any other engine says why not.
import { z } from 'zod';
import { editedText } from '../../rules';
import { request } from '../define';

/** daemon.json is a small file; the editor refuses more. */
export const MAX_DAEMON_CONFIG_TEXT = 256 << 10;

export const daemonConfigText = editedText(MAX_DAEMON_CONFIG_TEXT, {
  long: 'The engine settings are at most 256 KiB of JSON.',
  nul: 'The engine settings are text: they have no NUL characters.',
});

export interface DaemonConfigView {
  /** Berth runs this engine itself, so its daemon.json can be edited here. */
  managed: boolean;
  /** When not managed: why editing is not available here, as a sentence. */
  reason?: string;
  /** The file's text as on disk ("{}" when Berth has not written one yet). */
  text: string;
  /** What the file was when read: apply refuses when the file changed since. */
  version: string;
  /** Where the file is (managed engines only). */
  path?: string;
  /** The settings Berth gives dockerd on its command line, which daemon.json may not repeat. */
  berthKeys: { key: string; flag: string }[];
  /** Whether the engine runs now. */
  running: boolean;
}

export interface DaemonConfigProblem {
  /** The setting concerned, as a path: "registry-mirrors[0]", "log-opts.max-size"; absent for JSON syntax. */
  key?: string;
  /** 1-based place in the text, when known. */
  line?: number;
  column?: number;
  message: string;
}

export type DaemonConfigChangeKind = 'added' | 'changed' | 'removed';

export interface DaemonConfigChange {
  /** "registry-mirrors", or "log-opts.max-size" inside a map of settings. */
  key: string;
  change: DaemonConfigChangeKind;
  /** The values as compact JSON. */
  before?: string;
  after?: string;
}

/** What restarting the engine does to the containers that run now. */
export interface RestartEffect {
  /** One sentence on the whole restart. */
  summary: string;
  /** Running containers keep running through the restart (live-restore on before and after). */
  keepsRunning: boolean;
  /** Running containers, each with what happens to it. */
  containers: {
    name: string;
    restartPolicy: string;
    after: 'keeps running' | 'comes back' | 'stays stopped' | 'comes back if it exits with an error';
  }[];
}

export interface DaemonConfigCheck {
  valid: boolean;
  problems: DaemonConfigProblem[];
  warnings: DaemonConfigProblem[];
  /** The text's settings as JSON (absent when the text is not JSON). */
  parsed?: Record<string, unknown>;
  changes: DaemonConfigChange[];
  restart: RestartEffect;
}

export interface DaemonConfigApplied {
  /** applied: the engine runs with the new file; rolled-back: dockerd refused it and runs with the previous one; unchanged: nothing to do. */
  outcome: 'applied' | 'rolled-back' | 'unchanged';
  /** What happened, as a sentence. */
  message: string;
  /** dockerd's own words when it refused the new file. */
  engineMessage?: string;
  /** The file's version now. */
  version: string;
}

const none = z.strictObject({});

export const engineConfigRequests = {
  'engine.config.get': request<DaemonConfigView>()(none),
  'engine.config.check': request<DaemonConfigCheck>()(z.strictObject({ text: daemonConfigText })),
  'engine.config.apply': request<DaemonConfigApplied>()(
    z.strictObject({ text: daemonConfigText, version: z.string().max(128) }),
  ),
};
