// The compose projects opened lately (project name and files), newest first, kept in
// compose-recent.json beside the settings so they can be opened again when nothing runs. A file that
// cannot be read as such a list is treated as empty (it holds nothing that cannot be opened again).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { composeFilePath, composeProjectName } from '../../shared/contract/areas/compose';
import type { RecentComposeProject } from '../../shared/contract/areas/compose-files';
import { writeJsonAtomically } from '../../engine/util/atomic-write';

export const RECENT_COMPOSE_FILE = 'compose-recent.json';
export const MAX_RECENT = 20;

const entry = z.object({
  project: composeProjectName,
  files: z.array(composeFilePath).min(1).max(8),
  opened: z.number(),
});
type Entry = z.output<typeof entry>;

export class RecentComposeProjects {
  readonly file: string;

  constructor(
    configDir: string,
    private readonly exists: (path: string) => boolean = existsSync,
  ) {
    this.file = join(configDir, RECENT_COMPOSE_FILE);
  }

  list(): RecentComposeProject[] {
    return this.read().map((e) => ({ ...e, filesPresent: e.files.every((f) => this.exists(f)) }));
  }

  /** Puts the project first (replacing an older entry of the same name), keeping at most MAX_RECENT. */
  remember(project: string, files: readonly string[], now = Date.now()): void {
    const rest = this.read().filter((e) => e.project !== project);
    this.write([{ project, files: [...files], opened: now }, ...rest].slice(0, MAX_RECENT));
  }

  forget(project: string): RecentComposeProject[] {
    this.write(this.read().filter((e) => e.project !== project));
    return this.list();
  }

  private read(): Entry[] {
    try {
      const parsed = z.array(entry).safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data.sort((a, b) => b.opened - a.opened) : [];
    } catch {
      return [];
    }
  }

  private write(entries: Entry[]): void {
    writeJsonAtomically(this.file, entries);
  }
}
