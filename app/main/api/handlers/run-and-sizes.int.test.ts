// Over the real WebSocket transport against the private engine: a run whose output is kept (its
// task, its exit code, its cancel), clearing finished tasks, a refusal at its field, and one
// accounting of image sizes and counts (Images page = `docker system df` = Engine page).
import { describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../../harness/context';
import type { EngineInfo, RunTaskResult, TaskInfo } from '../../../shared/contract';
import type { ImagesUsageResult } from '../../../shared/contract/areas/images';
import type { DiskUsageRow } from '../../../shared/contract/areas/system';
import { connectEngine } from '../../../engine/docker/client';
import { diskUsage } from '../../../engine/docker/system';
import { servedClient } from '../test-support/served-client';

const c = servedClient();
const docker = (args: string[]) => testEngine().docker(args);

async function finished(id: string, ms = 30000): Promise<TaskInfo> {
  const end = Date.now() + ms;
  for (;;) {
    const now = (await c.request<TaskInfo[]>('tasks.list', {})).find((x) => x.id === id);
    if (now && now.state !== 'running') return now;
    if (Date.now() > end) throw new Error(`task ${id} did not finish`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type RunReply = { id: string; warnings: string[]; task?: TaskInfo };

describe('containers.run with "remove when it exits"', () => {
  it('is a task whose log is the output and whose result is the exit code, after the container is gone', async () => {
    const name = uniqueName('oneshot');
    const r = await c.request<RunReply>('containers.run', {
      image: fixtures().busybox,
      name,
      command: ['sh', '-c', 'for i in 1 2 3; do echo line $i; done; printf "\\033[31mred\\033[0m\\n"; exit 4'],
      autoRemove: true,
    });
    expect(r.task).toMatchObject({ kind: 'run', title: `Run ${name}`, state: 'running' });
    const done = await finished(r.task!.id);
    expect(done.state).toBe('done');
    expect(done.progress.log).toEqual(['line 1', 'line 2', 'line 3', 'red']);
    expect(done.progress.text).toBe('Exited with code 4; the container was removed');
    expect(done.result as RunTaskResult).toEqual({ id: r.id, exitCode: 4, removed: true });
    expect((await docker(['inspect', name])).code).not.toBe(0);
  });

  it('keeps only the last 400 lines of a long output and says so', async () => {
    const r = await c.request<RunReply>('containers.run', {
      image: fixtures().busybox,
      command: ['sh', '-c', 'i=0; while [ $i -lt 1000 ]; do echo n$i; i=$((i+1)); done'],
      autoRemove: true,
    });
    const done = await finished(r.task!.id);
    expect(done.progress.log).toHaveLength(400);
    expect(done.progress.log?.at(-1)).toBe('n999');
    expect(done.progress.text).toMatch(/the last 400 lines are kept/);
  });

  it('cancelling the task kills the container (and the engine removes it)', async () => {
    const name = uniqueName('cancelled');
    const r = await c.request<RunReply>('containers.run', {
      image: fixtures().busybox,
      name,
      command: ['sleep', '600'],
      autoRemove: true,
    });
    await c.request('tasks.cancel', { id: r.task!.id });
    expect((await finished(r.task!.id)).state).toBe('cancelled');
    for (let i = 0; i < 50 && (await docker(['inspect', name])).code === 0; i++)
      await new Promise((res) => setTimeout(res, 100));
    expect((await docker(['inspect', name])).code).not.toBe(0);
  });

  it('a plain run is no task; a refusal comes back at its field', async () => {
    const name = uniqueName('plain');
    const r = await c.request<RunReply>('containers.run', { image: fixtures().busybox, name, command: ['true'] });
    expect(r.task).toBeUndefined();
    await docker(['rm', '-f', name]);
    const err = await c
      .request('containers.run', { image: fixtures().busybox, command: ['no-such-cmd'], autoRemove: true })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'invalid', field: 'command' });
  });

  it('tasks.clear forgets finished tasks and keeps running ones', async () => {
    const r = await c.request<RunReply>('containers.run', {
      image: fixtures().busybox,
      command: ['sleep', '600'],
      autoRemove: true,
    });
    const { cleared } = await c.request<{ cleared: number }>('tasks.clear', {});
    expect(cleared).toBeGreaterThan(0);
    const left = await c.request<TaskInfo[]>('tasks.list', {});
    expect(left.map((x) => x.id)).toEqual([r.task!.id]);
    await c.request('tasks.cancel', { id: r.task!.id });
    await finished(r.task!.id);
  });
});

describe('one accounting of image sizes and counts', () => {
  it('Images page, docker system df and the Engine page agree', async () => {
    // a second image sharing the busybox layer, with a small layer of its own
    const shared = `${uniqueName('acct')}:shared`;
    const box = uniqueName('acct-box');
    expect((await docker(['run', '--name', box, fixtures().busybox, 'sh', '-c', 'echo own > /own'])).code).toBe(0);
    expect((await docker(['commit', box, shared])).code).toBe(0);
    await docker(['rm', box]);
    const usage = await c.request<ImagesUsageResult>('images.usage', {});
    const df = await diskUsage(await connectEngine({ kind: 'unix', socketPath: testEngine().socket }));
    expect(usage.size).toBe(df.images.size);
    expect(usage.count).toBe(df.images.count);
    const listed = await c.request<unknown[]>('images.list', {});
    expect(usage.count).toBe(listed.length);
    const info = await c.request<EngineInfo>('engine.info', {});
    expect(info.images).toBe(listed.length);
    expect(info.images + info.intermediateImages).toBe(
      Number((await docker(['info', '--format', '{{.Images}}'])).stdout.trim()),
    );
    const rows = await c.request<DiskUsageRow[]>('engine.diskUsage', {});
    const row = rows.find((x) => x.kind === 'images')!;
    expect(row.size).toBe(usage.size);
    expect(row.count).toBe(usage.count);
    // the sum of image sizes counts the shared busybox layer twice; the usage does not
    const sum = (await c.request<{ size: number }[]>('images.list', {})).reduce((n, i) => n + i.size, 0);
    expect(sum).toBeGreaterThan(usage.size);
    await docker(['rmi', shared]);
  });

  it("the Engine page's reclaimable for images is what pruning every unused image would free", async () => {
    const rows = await c.request<DiskUsageRow[]>('engine.diskUsage', {});
    const preview = await c.request<{ spaceReclaimed: number }>('images.prunePreview', { all: true });
    expect(rows.find((x) => x.kind === 'images')!.reclaimable).toBe(preview.spaceReclaimed);
  });
});
