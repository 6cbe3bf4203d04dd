// Starts a test engine with a running container, prints its dir, and waits to be killed.
// Used by harness.int.test.ts to prove the reaper cleans up after an interrupted run.
import { startTestEngine } from './engine';
import { buildBusybox, BUSYBOX } from './fixtures';

const engine = await startTestEngine();
await buildBusybox(engine);
await engine.docker(['run', '-d', BUSYBOX, 'sleep', '600']);
process.stdout.write(`ENGINE ${engine.dir}\n`);
setInterval(() => {}, 1000);
