// Vitest global setup for the integration project: one private engine with fixtures for the whole run.
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestEngine, type TestEngine } from './engine';
import { buildBusybox, BUSYBOX } from './fixtures';

let engine: TestEngine | undefined;

export async function setup(project: TestProject): Promise<void> {
  engine = await startTestEngine();
  // Berth's own files (task journal, leftovers' records) of in-process backends go with the test engine,
  // never to the home of whoever runs the tests. Tests that need their own BERTH_HOME set it themselves.
  process.env.BERTH_HOME ??= join(engine.dir, 'berth-home');
  await buildBusybox(engine);
  project.provide('engine', { socket: engine.socket, host: engine.host, dir: engine.dir, dataRoot: engine.dataRoot });
  project.provide('fixtures', { busybox: BUSYBOX });
}

export async function teardown(): Promise<void> {
  await engine?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    engine: { socket: string; host: string; dir: string; dataRoot: string };
    fixtures: { busybox: string };
  }
}
