// The compose file handlers as the UI calls them, with the real compose CLI, task centre and settings
// store: open remembers the project across a new store (a restart), check finds a problem in unsaved
// text, a service's verb runs as a task with the CLI's output, and bad input is refused at the contract.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requests } from '../../../shared/contract';
import { SettingsStore } from '../../settings/store';
import { composeHandlerTests } from '../test-support/compose-projects';
import { composeFileHandlers as h } from './compose-files';

const compose = composeHandlerTests('berth-cfh-', (dir) => new SettingsStore(join(dir, 'config')));
const { dir, finished } = compose;

describe('compose file handlers', () => {
  it('opens and remembers a project, checks unsaved text, and runs up for one service as a task', async () => {
    const file = compose.webAndWorker();
    const project = compose.project('cfh');
    const opened = await h['compose.open']({ project, files: [file] }, compose.ctx);
    expect(opened.files[0]!.path).toBe(file);
    // A new store on the same folder, as after a restart.
    expect(new SettingsStore(join(dir, 'config')).recentCompose.list()[0]).toMatchObject({
      project,
      files: [file],
      filesPresent: true,
    });

    const broken = await h['compose.check'](
      { project, files: [file], edits: [{ file, text: `${opened.files[0]!.text}    mem_limit: [1]\n` }] },
      compose.ctx,
    );
    expect(broken.valid).toBe(false);
    expect(broken.problems[0]).toMatchObject({ file, line: 10 });

    const task = await h['compose.run'](
      { project, files: [file], verb: 'up', service: 'web', volumes: false },
      compose.ctx,
    );
    expect(task).toMatchObject({ kind: 'compose', title: `Up web (${project})`, state: 'running' });
    const done = await finished(task.id);
    expect(done.state).toBe('done');
    expect(done.progress.log?.join('\n')).toMatch(new RegExp(`${project}_web_1`));
    const plan = await h['compose.check']({ project, files: [file], edits: [] }, compose.ctx);
    expect(plan.changes.map((c) => [c.service, c.change])).toEqual([
      ['web', 'unchanged'],
      ['worker', 'create'],
    ]);
  });

  it('refuses bad paths, project and service names where the call is received', () => {
    const run = requests['compose.run'].args;
    const base = { project: 'shop', files: ['/srv/compose.yml'], verb: 'up' };
    expect(run.safeParse(base).success).toBe(true);
    expect(run.safeParse({ ...base, service: '--volumes' }).error?.issues[0]?.message).toBe(
      'A service name starts with a letter or digit and uses letters, digits, ".", "_" and "-".',
    );
    expect(run.safeParse({ ...base, files: ['compose.yml'] }).error?.issues[0]?.message).toMatch(/absolute/);
    expect(run.safeParse({ ...base, project: 'Shop' }).success).toBe(false);
    expect(run.safeParse({ ...base, verb: 'exec' }).success).toBe(false);
    const save = requests['compose.save'].args;
    expect(save.safeParse({ file: '/srv/compose.yml', text: 'a\0b', version: '1' }).error?.issues[0]?.message).toMatch(
      /no NUL/,
    );
    expect(save.safeParse({ file: '/srv/compose.yml', text: 'x'.repeat((4 << 20) + 1), version: '1' }).success).toBe(
      false,
    );
  });
});
