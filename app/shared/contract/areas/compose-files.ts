// Compose, file first: open a project's compose files, check edited text with the compose CLI's own
// `config` (problems with line and column) and see what `up` would change, save on the user's word,
// run up / down / restart / pull / build for one service or all, and the recent projects.
import { z } from 'zod';
import { editedText } from '../../rules';
import { request } from '../define';
import type { TaskInfo } from '../dto';
import { composeFilePath, composeProjectName } from './compose';

/** Compose files are small text files; the editor refuses more. */
export const MAX_COMPOSE_TEXT = 4 << 20;

/**
 * A service name as Berth passes it to the compose CLI: it starts with a letter or digit, so it can
 * never be read as an option.
 */
export const composeServiceArg = z
  .string()
  .min(1, 'Give a service name.')
  .max(255, 'A service name has at most 255 characters.')
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/,
    'A service name starts with a letter or digit and uses letters, digits, ".", "_" and "-".',
  );

/** The project and the files it is made of (the first file's folder is the project's folder). */
const projectFiles = {
  project: composeProjectName,
  files: z.array(composeFilePath).min(1, 'Give a compose file.').max(8, 'At most 8 compose files.'),
};

export const composeEditText = editedText(MAX_COMPOSE_TEXT, {
  long: 'A compose file has at most 4 MiB.',
  nul: 'A compose file is text: it has no NUL characters.',
});

/** One compose file as the editor opens it. */
export interface ComposeFileText {
  path: string;
  text: string;
  /** What the file was when read (size and modification time): Save refuses when it changed since. */
  version: string;
}

export interface ComposeOpened {
  project: string;
  workingDir: string;
  files: ComposeFileText[];
}

/** A problem the compose CLI found, placed in a file where it can be. */
export interface ComposeProblem {
  /** The original file (never the temporary copy that was checked). */
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

export type ServiceChangeKind = 'create' | 'recreate' | 'start' | 'unchanged' | 'remove';

/** What `up` (all services) would do to one service. */
export interface ServiceChange {
  service: string;
  change: ServiceChangeKind;
  /** Why, as a sentence. */
  reason: string;
  /** The config hash of the edited text (absent for a removed service). */
  hash?: string;
  /** The hashes the service's containers carry (com.docker.compose.config-hash). */
  runningHashes: string[];
  containers: number;
  running: number;
}

export interface ComposeCheck {
  /** The text is valid for the compose CLI. */
  valid: boolean;
  problems: ComposeProblem[];
  /** Warnings the CLI printed (unset variables …), placed where they can be. */
  warnings: ComposeProblem[];
  /** When valid: what `up` would change, service by service. */
  changes: ServiceChange[];
  /** How the changes were found, as a sentence. */
  method: string;
  /** e.g. "docker-compose 1.29.2". */
  cli: string;
}

export const composeVerbs = ['up', 'down', 'restart', 'pull', 'build'] as const;
export type ComposeVerb = (typeof composeVerbs)[number];

export interface RecentComposeProject {
  project: string;
  files: string[];
  /** When it was last opened (ms since the epoch). */
  opened: number;
  /** Whether every file is still there. */
  filesPresent: boolean;
}

export const composeFileRequests = {
  /** Reads the project's compose files for the editor (each must look like a compose file); remembers it as recent. */
  'compose.open': request<ComposeOpened>()(z.strictObject(projectFiles)),
  /**
   * Checks edited text with the CLI's `config` (written to a temporary file beside the original, so
   * relative paths resolve, and removed after) and compares each service's config hash with its
   * containers' labels. Nothing is written to the compose files.
   */
  'compose.check': request<ComposeCheck>()(
    z.strictObject({
      ...projectFiles,
      /** Edited text per file (files not listed are checked as they are on disk). */
      edits: z.array(z.strictObject({ file: composeFilePath, text: composeEditText })).max(8),
    }),
  ),
  /** Writes one compose file atomically; refused when the file changed on disk since `version`. */
  'compose.save': request<{ version: string }>()(
    z.strictObject({ file: composeFilePath, text: composeEditText, version: z.string().max(100) }),
  ),
  /** up -d / down / restart / pull / build, for one service or all, as a task with the CLI's output. */
  'compose.run': request<TaskInfo>()(
    z.strictObject({
      ...projectFiles,
      verb: z.enum(composeVerbs),
      /** One service; all when absent. */
      service: composeServiceArg.optional(),
      /** With `down` for all: also delete the project's named volumes. */
      volumes: z.boolean().default(false),
    }),
  ),
  /** The projects opened lately, newest first (kept across restarts). */
  'compose.recent': request<RecentComposeProject[]>()(z.strictObject({})),
  /** Forgets one recent project (its files are not touched). */
  'compose.forget': request<RecentComposeProject[]>()(z.strictObject({ project: composeProjectName })),
};
