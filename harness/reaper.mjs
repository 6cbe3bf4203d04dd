// Detached watchdog started with each test engine. When the test process that owns the engine
// dies (finished, crashed, or Ctrl-C'd), it tears the engine down so nothing is left behind.
import { existsSync } from 'node:fs';
import { cleanupEngine, isAlive } from './cleanup.mjs';

const [ownerPid, dir] = [Number(process.argv[2]), process.argv[3]];
process.on('SIGINT', () => {}); // survive the Ctrl-C that may have killed the owner's group
process.on('SIGHUP', () => {});
const timer = setInterval(async () => {
  if (!existsSync(dir)) return process.exit(0);
  if (isAlive(ownerPid)) return;
  clearInterval(timer);
  await cleanupEngine(dir);
  process.exit(0);
}, 250);
