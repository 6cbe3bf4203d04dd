// The external engines Berth could connect to, in the order it looks for them.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { currentContextName, readContext } from './docker-context';

export type CandidateSource =
  'setting' | 'DOCKER_HOST' | 'docker-context' | 'system-socket' | 'rootless-socket' | 'podman-socket';

export interface CandidateSpec {
  source: CandidateSource;
  /** For the UI, e.g. 'Docker context "remote"'. */
  label: string;
  /** The address as found: a URL or an absolute socket path. */
  url: string;
}

export interface CandidateInputs {
  /** The explicit socket path or URL from Berth's settings. */
  explicit?: string;
  env?: Record<string, string | undefined>;
  home?: string;
  uid?: number;
}

export const SYSTEM_SOCKET_URL = 'unix:///var/run/docker.sock';

/** Lists candidates in the order, without probing; the same address appears once, under its first source. */
export function listCandidates(inputs: CandidateInputs = {}): CandidateSpec[] {
  const env = inputs.env ?? process.env;
  const home = inputs.home ?? homedir();
  const uid = inputs.uid ?? process.getuid?.() ?? 0;
  const runtimeDir = env.XDG_RUNTIME_DIR || (uid !== 0 ? `/run/user/${uid}` : undefined);
  const out: CandidateSpec[] = [];
  if (inputs.explicit?.trim())
    out.push({ source: 'setting', label: 'Engine address from settings', url: inputs.explicit.trim() });
  if (env.DOCKER_HOST?.trim()) out.push({ source: 'DOCKER_HOST', label: 'DOCKER_HOST', url: env.DOCKER_HOST.trim() });
  const contextName = currentContextName(env, home);
  if (contextName) {
    const ctx = readContext(contextName, env, home);
    // A current context without stored metadata is still reported, so the user sees why it is unusable.
    out.push({
      source: 'docker-context',
      label: `Docker context "${contextName}"`,
      url: ctx?.host ?? `context:${contextName}`,
    });
  }
  out.push({ source: 'system-socket', label: 'System Docker engine', url: SYSTEM_SOCKET_URL });
  if (runtimeDir)
    out.push({
      source: 'rootless-socket',
      label: 'Rootless Docker engine',
      url: `unix://${join(runtimeDir, 'docker.sock')}`,
    });
  if (runtimeDir)
    out.push({ source: 'podman-socket', label: 'Podman', url: `unix://${join(runtimeDir, 'podman', 'podman.sock')}` });
  if (uid === 0) out.push({ source: 'podman-socket', label: 'Podman (system)', url: 'unix:///run/podman/podman.sock' });
  const seen = new Set<string>();
  return out.filter((c) => {
    const key = c.url.replace(/^unix:\/\//, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
