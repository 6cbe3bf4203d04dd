// The compose handlers as the UI calls them: up from a file runs as a task whose log streams the
// CLI's output; a bad file is refused before any task starts; down with volumes; start/stop by label.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../../../harness/context';
import { composeHandlerTests } from '../test-support/compose-projects';
import { composeHandlers } from './compose';

const compose = composeHandlerTests('berth-compose-h-');
const { dir, tasks, finished } = compose;

describe('compose handlers', () => {
  it('brings a file up as a task with its output, lists, stops, starts and brings it down', async () => {
    const file = compose.webAndWorker();
    const project = compose.project('bh');
    const started = await composeHandlers['compose.up']({ files: [file], project }, compose.ctx);
    expect(started).toMatchObject({ kind: 'compose', title: `Up ${project}`, state: 'running' });
    const upTask = await finished(started.id);
    expect(upTask.state).toBe('done');
    expect(upTask.progress.log?.join('\n')).toMatch(new RegExp(`${project}_web_1`));

    const listed = (await composeHandlers['compose.list']({}, compose.ctx)).find((p) => p.name === project);
    expect(listed).toMatchObject({ running: 2, total: 2 });
    expect(await composeHandlers['compose.stop']({ project }, compose.ctx)).toEqual({ containers: 2 });
    expect(await composeHandlers['compose.start']({ project }, compose.ctx)).toEqual({ containers: 2 });
    // Up again by project name alone: its files come from the labels.
    await composeHandlers['compose.stop']({ project }, compose.ctx);
    const again = await finished((await composeHandlers['compose.up']({ project }, compose.ctx)).id);
    expect(again.state).toBe('done');
    expect((await composeHandlers['compose.list']({}, compose.ctx)).find((p) => p.name === project)).toMatchObject({
      running: 2,
      total: 2,
    });

    const down = await finished((await composeHandlers['compose.down']({ project, volumes: true }, compose.ctx)).id);
    expect(down.state).toBe('done');
    expect((await composeHandlers['compose.list']({}, compose.ctx)).some((p) => p.name === project)).toBe(false);
  }, 60_000);

  it('refuses a broken file with a sentence before a task starts', async () => {
    const file = join(dir, 'broken.yml');
    writeFileSync(file, 'services:\n  web:\n    image: x\n   command: [a\n');
    const before = tasks.list().length;
    const err = await composeHandlers['compose.up']({ files: [file], project: uniqueName('bh') }, compose.ctx).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toMatch(/is not valid YAML/);
    expect((err as Error).message).toContain(file);
    expect(tasks.list().length).toBe(before);
  });

  it('says when a project does not exist', async () => {
    await expect(composeHandlers['compose.stop']({ project: 'no-such-project-here' }, compose.ctx)).rejects.toThrow(
      /No containers belong to project/,
    );
  });
});
