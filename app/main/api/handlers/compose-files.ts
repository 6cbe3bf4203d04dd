// compose.open / check / save / run / recent / forget: one line each onto the compose files facade
// (app/engine/compose/compose-files-api.ts); run starts the prepared verb as a compose task whose
// log is the CLI's output, as compose.up does.
import {
  checkComposeEdit,
  openComposeProject,
  prepareComposeRun,
  saveComposeFile,
} from '../../../engine/compose/compose-files-api';
import type { RequestHandlers } from '../types';
import { progressFeed } from './compose';

type ComposeFileHandlers = Pick<
  RequestHandlers,
  'compose.open' | 'compose.check' | 'compose.save' | 'compose.run' | 'compose.recent' | 'compose.forget'
>;

export const composeFileHandlers: ComposeFileHandlers = {
  'compose.open': async ({ project, files }, { settings }) => {
    const opened = openComposeProject(project, files);
    try {
      settings.recentCompose.remember(
        opened.project,
        opened.files.map((f) => f.path),
      );
    } catch {
      // The files opened; only the recent list misses them (its folder is not writable). Nothing to undo.
    }
    return opened;
  },
  'compose.check': async (args, { engine, signal }) => checkComposeEdit(await engine.client(), args, { signal }),
  'compose.save': async ({ file, text, version }) => saveComposeFile(file, text, version),
  'compose.run': async (args, { engine, tasks }) => {
    const run = await prepareComposeRun(await engine.client(), args);
    return tasks.start('compose', run.title, (report, signal) => run.work(progressFeed(report, run.first), signal));
  },
  'compose.recent': async (_a, { settings }) => settings.recentCompose.list(),
  'compose.forget': async ({ project }, { settings }) => settings.recentCompose.forget(project),
};
