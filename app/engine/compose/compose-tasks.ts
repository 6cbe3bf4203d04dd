// Compose projects as the facade hands them out: up, down and pull as tasks (the CLI's output
// streaming into the task's progress), start/stop/restart by label. A project named by the UI must
// still have containers; one whose files are gone can still be started, stopped, restarted and
// brought down by label, and says so.
import { dirname } from 'node:path';
import type { ComposeProject } from '../../shared/contract/areas/compose';
import { BerthError } from '../../shared/errors';
import type { EngineClient } from '../docker/client';
import { progressFeed, type EngineTask } from '../docker/engine-task';
import { composeCliInfo } from './cli-detect';
import {
  checkComposeConfig,
  composeDown,
  composePull,
  composeUp,
  targetForFiles,
  type ComposeTarget,
} from './commands';
import { downByLabel } from './label-control';
import { findProject } from './projects';

async function existingProject(client: EngineClient, name: string): Promise<ComposeProject> {
  const p = await findProject(client, name);
  if (!p)
    throw new BerthError({
      kind: 'not-found',
      message: `No containers belong to project "${name}" (any more). Refresh the list, or open its compose file to bring it up.`,
    });
  return p;
}

/** The files of a listed project, or a sentence saying they are gone and what still works. */
function targetOf(p: ComposeProject, what: string): ComposeTarget {
  if (!p.filesPresent || !p.configFiles.length)
    throw new BerthError({
      kind: 'invalid',
      message: `Could not ${what} project "${p.name}": its compose file${p.configFiles.length > 1 ? 's are' : ' is'} gone${p.configFiles.length ? ` (${p.configFiles.join(', ')})` : ''}. Start, Stop, Restart and Down still work by label; to ${what} it, open its compose file again.`,
    });
  return { project: p.name, files: p.configFiles, workingDir: p.workingDir ?? dirname(p.configFiles[0]!) };
}

/** `compose up` of the given files, or of a listed project's own; the config is checked before the task. */
export async function composeUpTask(
  client: EngineClient,
  files: readonly string[] | undefined,
  project: string | undefined,
): Promise<EngineTask<{ project: string }>> {
  const target = files ? targetForFiles(files, project) : targetOf(await existingProject(client, project!), 'bring up');
  await checkComposeConfig(client, target);
  return {
    kind: 'compose',
    title: `Up ${target.project}`,
    run: async (report, signal) => {
      await composeUp(client, target, { signal, onLine: progressFeed(report, `Bringing up ${target.project}`) });
      return { project: target.project };
    },
  };
}

export async function composeDownTask(
  client: EngineClient,
  project: string,
  volumes: boolean,
): Promise<EngineTask<{ project: string; volumes: boolean }>> {
  const p = await existingProject(client, project);
  return {
    kind: 'compose',
    title: `Down ${project}${volumes ? ' (and its volumes)' : ''}`,
    run: async (report, signal) => {
      const onLine = progressFeed(report, `Bringing down ${project}`);
      // Without its files (or without a compose CLI) the project still comes down, by label.
      if (p.filesPresent && (await composeCliInfo()).available)
        await composeDown(client, targetOf(p, 'bring down'), volumes, { signal, onLine });
      else await downByLabel(client, project, volumes, onLine);
      return { project, volumes };
    },
  };
}

export async function composePullTask(client: EngineClient, project: string): Promise<EngineTask<{ project: string }>> {
  const target = targetOf(await existingProject(client, project), 'pull the images of');
  return {
    kind: 'compose',
    title: `Pull images of ${project}`,
    run: async (report, signal) => {
      await composePull(client, target, { signal, onLine: progressFeed(report, `Pulling the images of ${project}`) });
      return { project };
    },
  };
}
