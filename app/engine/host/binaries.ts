// Finding the programs the hosts run (dockerd, rootlesskit, newuidmap, …) on PATH and the sbin dirs.
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

const extraDirs = ['/usr/sbin', '/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];

export function findBinary(name: string, env: Record<string, string | undefined> = process.env): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  const dirs = [...(env.PATH ?? '').split(':').filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
