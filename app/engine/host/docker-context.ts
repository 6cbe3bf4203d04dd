// Reads the docker CLI's current context: ~/.docker/config.json's currentContext (or DOCKER_CONTEXT)
// and the endpoint stored in ~/.docker/contexts/meta/<sha256(name)>/meta.json.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DockerContext {
  name: string;
  /** The docker endpoint, e.g. "unix:///run/user/1000/docker.sock" or "ssh://me@build-box". */
  host: string;
}

interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: string } };
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function dockerConfigDir(env: Record<string, string | undefined>, home = homedir()): string {
  return env.DOCKER_CONFIG || join(home, '.docker');
}

/** The name of the current context, or undefined for the built-in "default" context. */
export function currentContextName(env: Record<string, string | undefined>, home = homedir()): string | undefined {
  const name =
    env.DOCKER_CONTEXT ||
    readJson<{ currentContext?: string }>(join(dockerConfigDir(env, home), 'config.json'))?.currentContext;
  return name && name !== 'default' ? name : undefined;
}

/** The stored endpoint of context `name`; the CLI files it under sha256(name), but any dir with the right Name counts. */
export function readContext(
  name: string,
  env: Record<string, string | undefined>,
  home = homedir(),
): DockerContext | undefined {
  const metaDir = join(dockerConfigDir(env, home), 'contexts', 'meta');
  const hashed = createHash('sha256').update(name).digest('hex');
  const fromMeta = (m: ContextMeta | undefined) =>
    m?.Name === name && m.Endpoints?.docker?.Host ? { name, host: m.Endpoints.docker.Host } : undefined;
  const direct = fromMeta(readJson<ContextMeta>(join(metaDir, hashed, 'meta.json')));
  if (direct) return direct;
  let dirs: string[] = [];
  try {
    dirs = readdirSync(metaDir);
  } catch {
    return undefined;
  }
  for (const d of dirs) {
    const found = fromMeta(readJson<ContextMeta>(join(metaDir, d, 'meta.json')));
    if (found) return found;
  }
  return undefined;
}
