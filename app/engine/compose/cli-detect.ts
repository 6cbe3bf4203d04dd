// Finds the compose CLI: `docker compose` (v2) first, then `docker-compose` (v1, e.g. Debian's 1.29).
// When neither runs, the error says what to install.
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

export const DEFAULT_CANDIDATES: CliCandidate[] = [
  { program: 'docker', prefix: ['compose'], label: 'docker compose', flavour: 'v2' },
  { program: 'docker-compose', prefix: [], label: 'docker-compose', flavour: 'v1' },
];

export const NO_COMPOSE_ADVICE =
  "Install the Docker Compose plugin (Debian/Ubuntu: `sudo apt-get install docker-compose-plugin` from Docker's repository, or `sudo apt-get install docker-compose`), then try again.";

function probe(c: CliCandidate): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(c.program, [...c.prefix, 'version', '--short'], { timeout: 10_000, encoding: 'utf8' }, (err, stdout) => {
      const v = stdout.trim().split('\n')[0]?.trim().replace(/^v/, '');
      resolve(err || !v || !/^\d/.test(v) ? undefined : v);
    });
  });
}

async function detect(candidates: CliCandidate[]): Promise<ComposeCli | undefined> {
  for (const c of candidates) {
    const version = await probe(c);
    if (version) return { ...c, version };
  }
  return undefined;
}

let cached: Promise<ComposeCli | undefined> | undefined;

/** The compose CLI to use, probed once per process (again after a failed probe). */
export async function findComposeCli(candidates: CliCandidate[] = DEFAULT_CANDIDATES): Promise<ComposeCli> {
  const usingDefaults = candidates === DEFAULT_CANDIDATES;
  const found = await (usingDefaults ? (cached ??= detect(candidates)) : detect(candidates));
  if (!found) {
    if (usingDefaults) cached = undefined;
    throw new BerthError({
      kind: 'unavailable',
      message: `No compose CLI is installed: neither "docker compose" nor "docker-compose" runs on this machine. ${NO_COMPOSE_ADVICE}`,
    });
  }
  return found;
}

/** What the UI shows about the compose CLI. */
export async function composeCliInfo(candidates: CliCandidate[] = DEFAULT_CANDIDATES): Promise<ComposeCliInfo> {
  try {
    const cli = await findComposeCli(candidates);
    return { available: true, command: cli.label, version: cli.version };
  } catch {
    return { available: false, advice: NO_COMPOSE_ADVICE };
  }
}
