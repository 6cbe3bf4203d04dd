// The compose handlers as the UI calls them: up from a file runs as a task whose log streams the
// CLI's output; a bad file is refused before any task starts; down with volumes; start/stop by label.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../../harness/context';
import { downByLabel } from '../../../engine/compose/label-control';
import { connectEngine, type EngineClient } from '../../../engine/docker/client';
import { finishedTask, handlerContext } from '../test-support/handler-context';
import { TaskManager } from '../tasks';
import type { HandlerContext } from '../types';
import { composeHandlers } from './compose';

let client: EngineClient;
let ctx: HandlerContext;
const tasks = new TaskManager();
const dir = mkdtempSync(join(tmpdir(), 'berth-compose-h-'));
const made: string[] = [];

const finished = (id: string) => finishedTask(tasks, id);

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
  ctx = handlerContext(client, tasks);
});

afterAll(async () => {
  for (const p of made) await downByLabel(client, p, true).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe('compose handlers', () => {
  it('brings a file up as a task with its output, lists, stops, starts and brings it down', async () => {
    const file = join(dir, 'compose.yml');
    writeFileSync(
      file,
      `services:\n  web:\n    image: ${fixtures().busybox}\n    command: ["httpd", "-f", "-p", "8080"]\n    stop_grace_period: 1s\n  worker:\n    image: ${fixtures().busybox}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n`,
    );
    const project = uniqueName('bh');
    made.push(project);
    const started = await composeHandlers['compose.up']({ files: [file], project }, ctx);
    expect(started).toMatchObject({ kind: 'compose', title: `Up ${project}`, state: 'running' });
    const upTask = await finished(started.id);
    expect(upTask.state).toBe('done');
    expect(upTask.progress.log?.join('\n')).toMatch(new RegExp(`${project}_web_1`));

    const listed = (await composeHandlers['compose.list']({}, ctx)).find((p) => p.name === project);
    expect(listed).toMatchObject({ running: 2, total: 2 });
    expect(await composeHandlers['compose.stop']({ project }, ctx)).toEqual({ containers: 2 });
    expect(await composeHandlers['compose.start']({ project }, ctx)).toEqual({ containers: 2 });
    // Up again by project name alone: its files come from the labels.
    await composeHandlers['compose.stop']({ project }, ctx);
    const again = await finished((await composeHandlers['compose.up']({ project }, ctx)).id);
    expect(again.state).toBe('done');
    expect((await composeHandlers['compose.list']({}, ctx)).find((p) => p.name === project)).toMatchObject({
      running: 2,
      total: 2,
    });

    const down = await finished((await composeHandlers['compose.down']({ project, volumes: true }, ctx)).id);
    expect(down.state).toBe('done');
    expect((await composeHandlers['compose.list']({}, ctx)).some((p) => p.name === project)).toBe(false);
  }, 60_000);

  it('refuses a broken file with a sentence before a task starts', async () => {
    const file = join(dir, 'broken.yml');
    writeFileSync(file, 'services:\n  web:\n    image: x\n   command: [a\n');
    const before = tasks.list().length;
    const err = await composeHandlers['compose.up']({ files: [file], project: uniqueName('bh') }, ctx).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toMatch(/is not valid YAML/);
    expect((err as Error).message).toContain(file);
    expect(tasks.list().length).toBe(before);
  });

  it('says when a project does not exist', async () => {
    await expect(composeHandlers['compose.stop']({ project: 'no-such-project-here' }, ctx)).rejects.toThrow(
      /No containers belong to project/,
    );
  });
});
