// Starts a swarm lab (one node and its hub) with a swarm service running, prints its engine dir and
// namespaces, and waits to be killed. Used by harness.int.test.ts to prove the reaper removes a lab.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX } from './fixtures';
import { startSwarmLab } from './swarm-lab';

const lab = await startSwarmLab(1);
const engine = lab.nodes[0]!.engine;
await engine.docker(['swarm', 'init']);
await engine.docker(['service', 'create', '--detach', '--no-resolve-image', '--name', 'left', BUSYBOX, 'sleep', '600']);
const owner = JSON.parse(readFileSync(join(engine.dir, 'owner.json'), 'utf8')) as { netns: string[] };
process.stdout.write(`LAB ${engine.dir} ${owner.netns.join(',')}\n`);
setInterval(() => {}, 1000);
