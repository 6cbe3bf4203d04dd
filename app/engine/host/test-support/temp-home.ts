// For integration tests: a throw-away BERTH_HOME with a unique bridge, pool and cgroup parent, torn
// down even if the test process dies (the harness's reaper and stale sweep know this layout).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupEngine, OWNER_FILE } from '../../../../harness/cleanup.mjs';
import { overlapsRoutes, routedPrefixes, type EngineNetwork } from '../network';
import type { BerthPaths } from '../paths';

export interface TempHome {
  dir: string;
  paths: BerthPaths;
  network: EngineNetwork;
  cgroupParent: string;
  /** Records extra bridges/pools so cleanup removes them too. */
  cleanup(): Promise<void>;
}

/** A /24 and a /16 pool nobody routes, picked at random so parallel tests do not collide. */
export function randomNetwork(bridge: string): EngineNetwork {
  const routes = routedPrefixes();
  for (let i = 0; i < 100; i++) {
    const a = 100 + Math.floor(Math.random() * 150);
    const b = 1 + Math.floor(Math.random() * 250);
    const p = 100 + Math.floor(Math.random() * 150);
    if (a === p || overlapsRoutes(routes, `10.${a}.${b}.0/24`) || overlapsRoutes(routes, `10.${p}.0.0/16`)) continue;
    return { bridge, bip: `10.${a}.${b}.1/24`, pool: `10.${p}.0.0/16`, poolSize: 24 };
  }
  throw new Error('No free private subnet for a test engine.');
}

export function createTempHome(label = 'host'): TempHome {
  const id = randomBytes(3).toString('hex');
  const network = randomNetwork(`bh${id}`);
  const cgroupParent = `berth-${label}-${id}`;
  // Under the harness's prefix, so its stale sweep and reaper clean this dir up if we die; renamed into
  // place only once owner.json exists, or a concurrent sweep would take the half-made dir for stale.
  const draft = mkdtempSync(join(tmpdir(), 'berth-draft-'));
  writeFileSync(
    join(draft, OWNER_FILE),
    JSON.stringify({ ownerPid: process.pid, bridge: network.bridge, pool: network.pool, cgroupParent }),
  );
  const dir = join(tmpdir(), `berth-engine-${label}-${id}`);
  renameSync(draft, dir);
  const reaper = spawn(
    process.execPath,
    [fileURLToPath(new URL('../../../../harness/reaper.mjs', import.meta.url)), String(process.pid), dir],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  reaper.unref();
  return {
    dir,
    paths: { data: join(dir, 'data'), config: join(dir, 'config') },
    network,
    cgroupParent,
    cleanup: () => cleanupEngine(dir, { graceMs: 5000 }),
  };
}
