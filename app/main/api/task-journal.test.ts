import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskJournal } from './task-journal';
import { TaskManager } from './tasks';

const driver = fileURLToPath(new URL('./test-support/journal-driver.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'berth-journal-'));
  dirs.push(d);
  return d;
};

describe('the task journal (real file system, a real process killed)', () => {
  it('shows a task whose Berth process was SIGKILLed as interrupted, with what it was doing, after the next start', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', driver], {
      env: { ...process.env, JOURNAL_DIR: dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
      child.once('exit', (code) => reject(new Error(`the driver exited (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(readdirSync(dir)).toEqual([`tasks-${child.pid}.json`]);

    const tasks = new TaskManager(new TaskJournal(dir));
    const [task, ...others] = tasks.list();
    expect(others).toEqual([]);
    expect(task).toMatchObject({
      kind: 'save',
      title: 'Save berth/app:1 to /srv/app.tar',
      state: 'interrupted',
      progress: { text: 'Writing /srv/app.tar', current: 4 << 20 },
      error: {
        kind: 'internal',
        message:
          'Berth stopped while this task was running (Writing /srv/app.tar). Start it again if it is still needed.',
      },
    });
    expect(task!.ended).toBeGreaterThanOrEqual(task!.started);
    expect(() => tasks.cancel(task!.id)).toThrow(/already finished/);
    // The dead process's journal is taken over by this one, so a later start still shows the task.
    expect(readdirSync(dir)).toEqual([`tasks-${process.pid}.json`]);
    expect(new TaskManager(new TaskJournal(dir)).list().map((t) => t.id)).toEqual([task!.id]);
  }, 30000);

  it('records tasks running at a normal quit as interrupted by the quit; finished tasks are not kept', async () => {
    const dir = tempDir();
    const tasks = new TaskManager(new TaskJournal(dir));
    tasks.start('pull', 'Pull a', async () => ({ ok: true }));
    tasks.start('compose', 'Up shop', (report, signal) => {
      report({ text: 'Creating shop_web_1' });
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    await new Promise((r) => setTimeout(r, 20));
    tasks.close();
    const next = new TaskManager(new TaskJournal(dir)).list();
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({
      title: 'Up shop',
      state: 'interrupted',
      error: {
        message: 'Berth quit while this task was running (Creating shop_web_1). Start it again if it is still needed.',
      },
    });
  });

  it('forgets interrupted tasks after a week', () => {
    const dir = tempDir();
    const old = Date.now() - 8 * 24 * 3600 * 1000;
    const task = {
      id: 'a',
      kind: 'pull',
      title: 'Pull a',
      state: 'interrupted',
      progress: {},
      started: old,
      ended: old,
    };
    writeFileSync(
      join(dir, 'tasks-999997.json'),
      JSON.stringify({ tasks: [task, { ...task, id: 'b', ended: Date.now() }] }),
    );
    expect(new TaskManager(new TaskJournal(dir)).list().map((t) => t.id)).toEqual(['b']);
  });

  it('ignores a torn or foreign journal, and never one of a live process', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tasks-999999.json'), '{"tasks": [ {"id": 1'); // torn, of a dead pid
    writeFileSync(join(dir, 'tasks-1.json'), JSON.stringify({ tasks: [{ id: 'x', state: 'running' }] })); // pid 1 lives
    writeFileSync(join(dir, `tasks-999998.json.tmp`), 'half');
    expect(new TaskManager(new TaskJournal(dir)).list()).toEqual([]);
    expect(existsSync(join(dir, 'tasks-999999.json'))).toBe(false);
    expect(existsSync(join(dir, 'tasks-1.json'))).toBe(true);
  });
});
