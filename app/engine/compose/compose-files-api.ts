// The facade for compose, file first (contract: areas/compose-files.ts): open a project's files,
// check edited text, save, and prepare a verb for one service or all as a task's work. Handlers call
// these (check and run through the engine facade, which binds the client) and nothing below them.
import { dirname } from 'node:path';
import type { ComposeOpened, ComposeVerb } from '../../shared/contract/areas/compose-files';
import type { EngineClient } from '../docker/client';
import { progressFeed, type EngineTask } from '../docker/engine-task';
import { checkComposeConfig, validateComposeFiles, type ComposeTarget } from './commands';
import { checkComposeEdit, type CheckRequest } from './config-check';
import { readComposeFiles, saveComposeFile } from './edit-files';
import { validateProjectName } from './project-name';
import { actionOf, checkService, runServiceVerb } from './service-commands';

export { checkComposeEdit, saveComposeFile, type CheckRequest };

/** The target for a project and its files (checked: absolute, present, compose files). */
export function projectTarget(project: string, files: readonly string[]): ComposeTarget {
  const checked = validateComposeFiles(files);
  return { project: validateProjectName(project), files: checked, workingDir: dirname(checked[0]!) };
}

export function openComposeProject(project: string, files: readonly string[]): ComposeOpened {
  const target = projectTarget(project, files);
  return { project: target.project, workingDir: target.workingDir, files: readComposeFiles(target.files) };
}

export interface ComposeRunRequest {
  project: string;
  files: readonly string[];
  verb: ComposeVerb;
  service?: string | undefined;
  volumes?: boolean;
}

const titles: Record<ComposeVerb, string> = {
  up: 'Up',
  down: 'Down',
  restart: 'Restart',
  pull: 'Pull',
  build: 'Build',
};

/**
 * A verb for one service or all as a task. Everything it needs is checked before the task exists
 * (files, project, the service is the project's; for up, the config and its variables), so a refusal
 * reaches the user as a sentence at once.
 */
export async function composeRunTask(
  client: EngineClient,
  req: ComposeRunRequest,
): Promise<EngineTask<{ project: string; service?: string }>> {
  const target = projectTarget(req.project, req.files);
  if (req.service) await checkService(client, target, req.verb, req.service);
  if (req.verb === 'up') await checkComposeConfig(client, target);
  const what = req.service ? `${req.service} (${target.project})` : target.project;
  const action = actionOf(req.verb, target.project, req.service);
  return {
    kind: 'compose',
    title: `${titles[req.verb]} ${what}${req.verb === 'down' && !req.service && req.volumes ? ' and its volumes' : ''}`,
    run: async (report, signal) => {
      const onLine = progressFeed(report, `${action.charAt(0).toUpperCase()}${action.slice(1)}`);
      await runServiceVerb(client, target, req.verb, req.service, req.volumes ?? false, { signal, onLine });
      return { project: target.project, ...(req.service ? { service: req.service } : {}) };
    },
  };
}
