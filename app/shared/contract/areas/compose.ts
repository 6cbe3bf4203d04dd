// compose.* requests and the shapes they return. Projects are found from container labels; up, down
// and pull run the compose CLI as tasks; start, stop and restart work by label (even when the
// project's files are gone).
import { z } from 'zod';
import { absolutePath } from '../../rules';
import { logWindowFields, refineLogWindow } from '../../log-window';
import { request, subscription } from '../define';
import type { ContainerState, LogLine, PortMapping, TaskInfo } from '../dto';

/** Compose's project name rule: lowercase letters, digits, "_" and "-", starting with a letter or digit. */
export const COMPOSE_PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export const composeProjectName = z
  .string()
  .min(1, 'Give a project name.')
  .max(255, 'A project name has at most 255 characters.')
  .regex(
    COMPOSE_PROJECT_NAME,
    'A project name uses lowercase letters, digits, "_" and "-", and starts with a letter or digit.',
  );

/** A service name as compose writes it into labels. */
export const composeServiceName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9._-]+$/, 'A service name uses letters, digits, ".", "_" and "-".');

export const composeFilePath = absolutePath
  .refine((p) => !p.includes('\0'), 'A path has no NUL characters.')
  .refine((p) => p.length <= 4096, 'A path has at most 4096 characters.');

export interface ComposeContainer {
  id: string;
  name: string;
  service: string;
  /** compose's container number (1 for the first replica). */
  number?: number;
  state: ContainerState;
  /** The engine's status line, e.g. "Up 3 minutes". */
  status: string;
  image: string;
  ports: PortMapping[];
}

export interface ComposeService {
  name: string;
  containers: ComposeContainer[];
  running: number;
}

export interface ComposeProject {
  name: string;
  /** The folder compose ran in (from the labels). */
  workingDir?: string;
  /** The compose files, as absolute paths. */
  configFiles: string[];
  /** Whether every compose file is still where the labels say; when not, only label actions work. */
  filesPresent: boolean;
  services: ComposeService[];
  /** Running containers, of `total`. */
  running: number;
  total: number;
}

/** Which compose CLI Berth uses, or why none is usable. */
export interface ComposeCliInfo {
  available: boolean;
  /** e.g. "docker compose" or "docker-compose". */
  command?: string;
  version?: string;
  /** When unavailable: none is installed, or one did not answer in time (a busy machine). */
  reason?: 'missing' | 'slow';
  /** When unavailable: what to install, or to try again. */
  advice?: string;
}

/** One line of a project's logs, tagged with the service and container it came from. */
export interface ComposeLogLine extends LogLine {
  service: string;
  container: string;
}

const byProject = z.strictObject({ project: composeProjectName });

export const composeUpArgs = z
  .strictObject({
    /** Compose files to bring up (absolute paths); without them, the project's own files from its labels. */
    files: z.array(composeFilePath).min(1).max(8).optional(),
    /** The project name; with files, defaults to the name compose derives from the folder. */
    project: composeProjectName.optional(),
  })
  .refine((a) => a.files !== undefined || a.project !== undefined, 'Give a compose file or a project.');

export const composeRequests = {
  /** Every project found from container labels. */
  'compose.list': request<ComposeProject[]>()(z.strictObject({})),
  /** Which compose CLI is used (docker compose v2, else docker-compose v1). */
  'compose.cli': request<ComposeCliInfo>()(z.strictObject({})),
  /** Checks the files (YAML, options, variables) and starts `up -d` as a task; a bad file is refused with a sentence. */
  'compose.up': request<TaskInfo>()(composeUpArgs),
  /** `down` as a task; `volumes: true` also deletes the project's named volumes (their data is lost). */
  'compose.down': request<TaskInfo>()(
    z.strictObject({ project: composeProjectName, volumes: z.boolean().default(false) }),
  ),
  /** Pulls the project's images as a task. */
  'compose.pull': request<TaskInfo>()(byProject),
  /** By label: works even when the project's files are gone. Resolves how many containers were affected. */
  'compose.start': request<{ containers: number }>()(byProject),
  'compose.stop': request<{ containers: number }>()(byProject),
  'compose.restart': request<{ containers: number }>()(byProject),
};

export const composeSubscriptions = {
  /**
   * All services' logs interleaved by timestamp, each line tagged with its service; follows restarts of
   * the project. `since` / `until` choose a time window (shared/log-window.ts); with `until` it ends there.
   */
  'compose.logs': subscription<ComposeLogLine>()(
    z
      .strictObject({
        project: composeProjectName,
        /** Only these services (all when absent). */
        services: z.array(composeServiceName).max(100).optional(),
        /** Lines of history per container (within the window, its last ones). */
        tail: z.union([z.number().int().min(0).max(1_000_000), z.literal('all')]).default(1000),
        follow: z.boolean().default(true),
        ...logWindowFields,
      })
      .superRefine(refineLogWindow),
  ),
};
