import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../shared/contract';
import { TaskManager } from './tasks';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TaskManager', () => {
  it('throttles progress but always delivers the latest, then the end with its result', async () => {
    const tm = new TaskManager();
    const seen: TaskInfo[] = [];
    tm.onChange((t) => seen.push(t));
    let finish!: () => void;
    const t = tm.start('pull', 'Pull x', async (report) => {
      for (let i = 1; i <= 50; i++) report({ text: `line ${i}` });
      await new Promise<void>((r) => (finish = r));
      return { ok: true };
    });
    await sleep(250);
    const running = seen.filter((s) => s.state === 'running');
    expect(running.length).toBeLessThan(6);
    expect(running.at(-1)?.progress.text).toBe('line 50');
    finish();
    await sleep(10);
    expect(seen.at(-1)).toMatchObject({ id: t.id, state: 'done', result: { ok: true } });
  });

  it('reports a failure as the error sentence, and cancellation as cancelled', async () => {
    const tm = new TaskManager();
    const failed = tm.start('build', 'Build', async () => {
      throw new Error('boom');
    });
    const cancelled = tm.start(
      'pull',
      'Pull y',
      (_r, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    tm.cancel(cancelled.id);
    await sleep(10);
    const byId = new Map(tm.list().map((t) => [t.id, t]));
    expect(byId.get(failed.id)).toMatchObject({
      state: 'failed',
      error: { kind: 'internal', message: 'Build failed unexpectedly.', detail: 'boom' },
    });
    expect(byId.get(cancelled.id)?.state).toBe('cancelled');
    expect(() => tm.cancel(cancelled.id)).toThrow(/already finished/);
  });
});
