// compose.* requests: detection by label, the compose CLI for up/down/pull (as tasks, with the
// output streaming into the task), start/stop/restart by label.
import { dirname } from 'node:path';
import { composeCliInfo } from '../../../engine/compose/cli-detect';
import type { OutputLine } from '../../../engine/compose/cli-run';
import {
  checkComposeConfig,
  composeDown,
  composePull,
  composeUp,
  targetForFiles,
  type ComposeTarget,
} from '../../../engine/compose/commands';
import { controlProject, downByLabel } from '../../../engine/compose/label-control';
import { findProject, listProjects } from '../../../engine/compose/projects';
import type { EngineClient } from '../../../engine/docker/client';
import type { ComposeProject } from '../../../shared/contract/areas/compose';
import type { TaskProgress } from '../../../shared/contract';
import { BerthError } from '../../../shared/errors';
import type { RequestHandlers } from '../types';

type ComposeHandlers = Pick<
  RequestHandlers,
  | 'compose.list'
  | 'compose.cli'
  | 'compose.up'
  | 'compose.down'
  | 'compose.pull'
  | 'compose.start'
  | 'compose.stop'
  | 'compose.restart'
>;

const LOG_LINES = 200;

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

/** Feeds CLI output lines into a task's progress: the latest line as text, the last lines as log. */
export function progressFeed(report: (p: TaskProgress) => void, first: string) {
  const log: string[] = [];
  report({ text: first });
  return (line: OutputLine | string) => {
    const text = typeof line === 'string' ? line : line.text;
    log.push(text);
    if (log.length > LOG_LINES) log.shift();
    report({ text, log: [...log] });
  };
}

export const composeHandlers: ComposeHandlers = {
  'compose.list': async (_a, { engine }) => listProjects(await engine.client()),
  'compose.cli': async () => composeCliInfo(),
  'compose.up': async ({ files, project }, { engine, tasks }) => {
    const client = await engine.client();
    const target = files
      ? targetForFiles(files, project)
      : targetOf(await existingProject(client, project!), 'bring up');
    await checkComposeConfig(client, target);
    return tasks.start('compose', `Up ${target.project}`, async (report, signal) => {
      await composeUp(client, target, { signal, onLine: progressFeed(report, `Bringing up ${target.project}`) });
      return { project: target.project };
    });
  },
  'compose.down': async ({ project, volumes }, { engine, tasks }) => {
    const client = await engine.client();
    const p = await existingProject(client, project);
    const title = `Down ${project}${volumes ? ' (and its volumes)' : ''}`;
    return tasks.start('compose', title, async (report, signal) => {
      const onLine = progressFeed(report, `Bringing down ${project}`);
      // Without its files (or without a compose CLI) the project still comes down, by label.
      if (p.filesPresent && (await composeCliInfo()).available)
        await composeDown(client, targetOf(p, 'bring down'), volumes, { signal, onLine });
      else await downByLabel(client, project, volumes, onLine);
      return { project, volumes };
    });
  },
  'compose.pull': async ({ project }, { engine, tasks }) => {
    const client = await engine.client();
    const target = targetOf(await existingProject(client, project), 'pull the images of');
    return tasks.start('compose', `Pull images of ${project}`, async (report, signal) => {
      await composePull(client, target, { signal, onLine: progressFeed(report, `Pulling the images of ${project}`) });
      return { project };
    });
  },
  'compose.start': async ({ project }, { engine }) => ({
    containers: await controlProject(await engine.client(), project, 'start'),
  }),
  'compose.stop': async ({ project }, { engine }) => ({
    containers: await controlProject(await engine.client(), project, 'stop'),
  }),
  'compose.restart': async ({ project }, { engine }) => ({
    containers: await controlProject(await engine.client(), project, 'restart'),
  }),
};
