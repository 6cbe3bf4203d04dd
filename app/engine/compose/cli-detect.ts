// Finds the compose CLI: `docker compose` (v2) first, then `docker-compose` (v1, e.g. Debian's 1.29).
// When neither runs, the error says what to install; when one did not answer in time (a busy
// machine: docker-compose 1.29 is a Python program), it says so instead of calling it missing.
import { execFile } from 'node:child_process';
import { BerthError } from '../../shared/errors';
import type { ComposeCliInfo } from '../../shared/contract/areas/compose';

export interface ComposeCli {
  /** Program to spawn. */
  program: string;
  /** Arguments before compose's own (["compose"] for the docker plugin). */
  prefix: string[];
  /** How a user would type it. */
  label: string;
  version: string;
  flavour: 'v2' | 'v1';
}

export interface CliCandidate {
  program: string;
  prefix: string[];
  label: string;
  flavour: 'v2' | 'v1';
}

/** How long `<cli> version --short` may take before it counts as not answering. */
export const PROBE_TIMEOUT_MS = 20_000;

export const DEFAULT_CANDIDATES: CliCandidate[] = [
  { program: 'docker', prefix: ['compose'], label: 'docker compose', flavour: 'v2' },
  { program: 'docker-compose', prefix: [], label: 'docker-compose', flavour: 'v1' },
];

export const NO_COMPOSE_ADVICE =
  "Install the Docker Compose plugin (Debian/Ubuntu: `sudo apt-get install docker-compose-plugin` from Docker's repository, or `sudo apt-get install docker-compose`), then try again.";

type Probe = { version: string } | { outcome: 'missing' } | { outcome: 'timeout'; label: string };

function probe(c: CliCandidate, timeout: number): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(c.program, [...c.prefix, 'version', '--short'], { timeout, encoding: 'utf8' }, (err, stdout) => {
      // execFile kills the program at the timeout and says so with `killed`.
      if (err && (err as { killed?: boolean }).killed) return resolve({ outcome: 'timeout', label: c.label });
      const v = stdout.trim().split('\n')[0]?.trim().replace(/^v/, '');
      resolve(err || !v || !/^\d/.test(v) ? { outcome: 'missing' } : { version: v });
    });
  });
}

type Detected = { cli: ComposeCli } | { slow: string[] };

/** Probes every candidate at once (a busy machine waits one timeout, not one each); the first in order that answers wins. */
async function detect(candidates: CliCandidate[], timeout: number): Promise<Detected> {
  const probes = await Promise.all(candidates.map((c) => probe(c, timeout)));
  const slow: string[] = [];
  for (const [i, p] of probes.entries()) {
    if ('version' in p) return { cli: { ...candidates[i]!, version: p.version } };
    if (p.outcome === 'timeout') slow.push(p.label);
  }
  return { slow };
}

let cached: Promise<Detected> | undefined;

/** Probed once per process with the default candidates (again after a failed probe). */
async function resolveCli(candidates: CliCandidate[], timeout: number): Promise<Detected> {
  if (candidates !== DEFAULT_CANDIDATES) return detect(candidates, timeout);
  const found = await (cached ??= detect(candidates, timeout));
  if (!('cli' in found)) cached = undefined;
  return found;
}

export const SLOW_COMPOSE_ADVICE = 'Try again in a moment; nothing was changed.';

/** The compose CLI to use. `timeout` is PROBE_TIMEOUT_MS but for tests. */
export async function findComposeCli(
  candidates: CliCandidate[] = DEFAULT_CANDIDATES,
  timeout = PROBE_TIMEOUT_MS,
): Promise<ComposeCli> {
  const found = await resolveCli(candidates, timeout);
  if ('cli' in found) return found.cli;
  if (found.slow.length > 0)
    throw new BerthError({
      kind: 'unavailable',
      message: `The compose CLI did not answer: "${found.slow.join('" and "')} version" took more than ${timeout / 1000} s, so this machine may be very busy. ${SLOW_COMPOSE_ADVICE}`,
    });
  throw new BerthError({
    kind: 'unavailable',
    message: `No compose CLI is installed: neither "docker compose" nor "docker-compose" runs on this machine. ${NO_COMPOSE_ADVICE}`,
  });
}

/** What the UI shows about the compose CLI. */
export async function composeCliInfo(
  candidates: CliCandidate[] = DEFAULT_CANDIDATES,
  timeout = PROBE_TIMEOUT_MS,
): Promise<ComposeCliInfo> {
  const found = await resolveCli(candidates, timeout);
  if ('cli' in found) return { available: true, command: found.cli.label, version: found.cli.version };
  return found.slow.length > 0
    ? { available: false, reason: 'slow', advice: SLOW_COMPOSE_ADVICE }
    : { available: false, reason: 'missing', advice: NO_COMPOSE_ADVICE };
}
