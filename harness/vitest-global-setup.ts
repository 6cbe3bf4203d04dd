// Vitest global setup for the integration project: one private engine with fixtures for the whole run.
import type { TestProject } from 'vitest/node';
import { startTestEngine, type TestEngine } from './engine';
import { buildBusybox, BUSYBOX } from './fixtures';

let engine: TestEngine | undefined;

export async function setup(project: TestProject): Promise<void> {
  engine = await startTestEngine();
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
