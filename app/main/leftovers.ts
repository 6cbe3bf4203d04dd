// What Berth processes that died left behind, removed when Berth starts, with a log line each: the
// side files they were writing (each process records its own in <data>/run/side-files-<pid>.list) and
// the helper containers (volume browser, debug shells) of Berths that are gone, once the engine runs.
import { lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineClient } from '../engine/docker/client';
import { SIDE_FILE } from '../engine/docker/side-file';
import { removeStaleDebugHelpers } from '../engine/docker/debug-shell';
import { removeStaleVolumeHelpers } from '../engine/docker/volume-files';
import { isAlive } from '../engine/host/processes';

const LIST = /^side-files-(\d+)\.list$/;

/** Where process `pid` records the side files it creates. */
export function sideFileList(dataDir: string, pid = process.pid): string {
  return join(dataDir, 'run', `side-files-${pid}.list`);
}

/**
 * Removes the side files recorded by Berth processes that are gone. Only regular files whose name is
 * Berth's side-file name of that very process are touched (never a link, never another file).
 */
export function sweepSideFiles(dataDir: string, log: (line: string) => void): string[] {
  const dir = join(dataDir, 'run');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(LIST.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    let paths: string[] = [];
    try {
      paths = readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean);
    } catch {
      /* unreadable: nothing to go by */
    }
    for (const path of new Set(paths)) {
      if (Number(SIDE_FILE.exec(path)?.[1]) !== pid) continue;
      try {
        if (!lstatSync(path).isFile()) continue;
        rmSync(path);
        removed.push(path);
        log(`Removed ${path}: a partial file Berth (pid ${pid}) was writing when it stopped.`);
      } catch {
        /* already gone */
      }
    }
    rmSync(join(dir, name), { force: true });
  }
  return removed;
}

/** Removes the helper containers (volume browser, debug shells) a Berth that died left on `client`'s engine. */
export async function sweepHelperContainers(
  client: EngineClient,
  log: (line: string) => void,
  minAgeSeconds = 60,
): Promise<number> {
  const [volumes, debug] = await Promise.all([
    removeStaleVolumeHelpers(client, minAgeSeconds, (h) =>
      log(
        `Removed the helper container ${h.name} (${h.ageSeconds} s old) that Berth left while browsing a volume; it pinned that volume.`,
      ),
    ).catch(() => 0),
    removeStaleDebugHelpers(client, (h) =>
      log(`Removed the debug shell helper ${h.name} (${h.ageSeconds} s old) that a Berth which stopped left running.`),
    ).catch(() => 0),
  ]);
  return volumes + debug;
}
