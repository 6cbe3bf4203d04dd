// Dev aid: a one-node swarm lab (initialised, or not with --no-init) and `berth serve` on it, for looking
// at the Swarm pages by hand. Prints the URL and the engine host; Ctrl-C stops both and removes the lab.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSwarmLab } from '../harness/swarm-lab';
import { startBerthServe } from '../harness/serve-process';

const lab = await startSwarmLab(1);
const node = lab.nodes[0]!;
if (!process.argv.includes('--no-init')) await node.engine.docker(['swarm', 'init', '--advertise-addr', node.addr]);
const home = mkdtempSync(join(tmpdir(), 'berth-lab-home-'));
const serve = await startBerthServe(['--engine-socket', node.engine.host], {
  ...process.env,
  BERTH_HOME: home,
  DOCKER_CONFIG: join(home, 'docker-config'),
});
process.stdout.write(`URL ${serve.url}\nHOST ${node.engine.host}\nADDR ${node.addr}\n`);
const stop = async () => {
  await serve.stop();
  await lab.stop();
  rmSync(home, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
