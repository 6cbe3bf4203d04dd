// The docker CLI's config file, found and read exactly as the CLI does: $DOCKER_CONFIG/config.json,
// else ~/.docker/config.json ($HOME). Only `auths`, `credsStore` and `credHelpers` matter here;
// every other field is kept as it is when the file is written back.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { BerthError } from '../../shared/errors';
import { writeJsonAtomically } from '../util/atomic-write';

export interface DockerAuthEntry {
  /** base64("user:password") */
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
  email?: string;
  [key: string]: unknown;
}

export interface DockerConfig {
  auths?: Record<string, DockerAuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

type Env = Record<string, string | undefined>;

/** The config dir the docker CLI uses. */
export function dockerConfigDir(env: Env = process.env): string {
  if (env.DOCKER_CONFIG) return env.DOCKER_CONFIG;
  return join(env.HOME || homedir(), '.docker');
}

export function dockerConfigPath(env: Env = process.env): string {
  return join(dockerConfigDir(env), 'config.json');
}

/** Reads the config; a missing file is an empty config, a broken one a BerthError with a sentence. */
export function readDockerConfig(path: string): DockerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new BerthError({
      kind: 'unavailable',
      message: `Could not read the docker config ${path}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}. Check its permissions.`,
    });
  }
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v as DockerConfig;
  } catch {
    throw new BerthError({
      kind: 'invalid',
      message: `The docker config ${path} is not valid JSON. Fix or move it; the docker CLI cannot read it either.`,
    });
  }
}

/** Writes the config back atomically, readable by the user only (as the CLI does), keeping other fields. */
export function writeDockerConfig(path: string, config: DockerConfig): void {
  let mode = 0o600;
  try {
    mode = statSync(path).mode & 0o600;
  } catch {
    /* a new file */
  }
  try {
    writeJsonAtomically(path, config, { indent: '\t', mode: mode || 0o600 });
  } catch (err) {
    throw new BerthError({
      kind: 'unavailable',
      message: `Could not write the docker config ${path}: ${(err as NodeJS.ErrnoException).code ?? 'write error'}. Check its permissions.`,
    });
  }
}

/** The user and secret of an `auths` entry (`auth` is base64 "user:password"). */
export function decodeAuthEntry(entry: DockerAuthEntry): {
  username?: string;
  password?: string;
  identitytoken?: string;
} {
  let username = entry.username;
  let password = entry.password;
  if (typeof entry.auth === 'string' && entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  return {
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(entry.identitytoken ? { identitytoken: entry.identitytoken } : {}),
  };
}

export function encodeAuthEntry(
  username: string,
  password: string | undefined,
  identitytoken?: string,
): DockerAuthEntry {
  return {
    ...(password !== undefined ? { auth: Buffer.from(`${username}:${password}`).toString('base64') } : {}),
    ...(identitytoken ? { identitytoken } : {}),
  };
}

/** The CLI's ConvertToHostname: drops http(s):// and any path. */
export function toHostname(key: string): string {
  return key.replace(/^https?:\/\//, '').split('/')[0]!;
}
