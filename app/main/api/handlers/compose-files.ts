// compose.open / check / save / run / recent / forget: one line each. Check and run go through the
// engine facade (run is an EngineTask whose log is the CLI's output, as compose.up's); open and save
// are file work on this machine (the facade's openComposeProject, saveComposeFile); recent projects live beside the settings.
import { openComposeProject, saveComposeFile } from '../../../engine/docker';
import type { RequestHandlers } from '../types';

export type ComposeFileHandlers = Pick<
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
  'compose.check': async (args, { engine, signal }) => (await engine.api()).composeCheck(args, signal),
  'compose.save': async ({ file, text, version }) => saveComposeFile(file, text, version),
  'compose.run': async (args, { engine, tasks }) => tasks.run(await (await engine.api()).composeRun(args)),
  'compose.recent': async (_a, { settings }) => settings.recentCompose.list(),
  'compose.forget': async ({ project }, { settings }) => settings.recentCompose.forget(project),
};
