// For compose handler integration tests: a handler context on the private engine with its own task
// centre (and settings store, where the test needs one), a temp dir for compose files, the
// two-service file most of them start from, and the projects they name brought down (with their
// volumes) after the file's tests, the dir removed. Call it at the top of the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../../harness/context';
import { downByLabel } from '../../../engine/compose/label-control';
import { connectEngine, type EngineClient } from '../../../engine/docker/client';
import type { SettingsStore } from '../../settings/store';
import { TaskManager } from '../tasks';
import type { HandlerContext } from '../types';
import { finishedTask, handlerContext } from './handler-context';

export function composeHandlerTests(dirPrefix: string, settings?: (dir: string) => SettingsStore) {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const tasks = new TaskManager();
  const made: string[] = [];
  let client: EngineClient | undefined;
  let ctx: HandlerContext | undefined;
  beforeAll(async () => {
    client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
    ctx = handlerContext(client, tasks, settings?.(dir));
  });
  afterAll(async () => {
    for (const p of made) if (client) await downByLabel(client, p, true).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    tasks,
    /** The handlers' context (inside tests). */
    get ctx(): HandlerContext {
      if (!ctx) throw new Error('the handler context is used before its beforeAll made it');
      return ctx;
    },
    /** Resolves with the task once it is no longer running. */
    finished: (id: string) => finishedTask(tasks, id),
    /** A unique project name, `<prefix>-…`; the project is brought down after the tests. */
    project(prefix: string): string {
      const p = uniqueName(prefix);
      made.push(p);
      return p;
    },
    /** Writes compose.yml in the dir: web (busybox httpd on 8080) and worker (sleep 600); its path. */
    webAndWorker(): string {
      const file = join(dir, 'compose.yml');
      const service = (command: string) =>
        `    image: ${fixtures().busybox}\n    command: ${command}\n    stop_grace_period: 1s\n`;
      writeFileSync(
        file,
        `services:\n  web:\n${service('["httpd", "-f", "-p", "8080"]')}  worker:\n${service('["sleep", "600"]')}`,
      );
      return file;
    },
  };
}
