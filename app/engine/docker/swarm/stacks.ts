// Stacks: what `docker stack deploy` made, found by its com.docker.stack.namespace label; deploy (the
// real `docker stack deploy` of the docker CLI, against the engine Berth talks to; deploying again
// updates), and `docker stack rm`. A compose text is written to a private temporary file first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SwarmStack } from '../../../shared/contract/areas/swarm';
import { BerthError } from '../../../shared/errors';
import { composeEnv } from '../../compose/cli-env';
import { explainComposeFailure } from '../../compose/cli-errors';
import { runCompose, type OutputLine } from '../../compose/cli-run';
import { validateComposeFiles } from '../../compose/commands';
import { findBinary } from '../../host/binaries';
import type { EngineClient } from '../client';
import { swarmCall } from './call';
import { STACK_LABEL, type RawNetwork, type RawSwarmData } from './raw';
import { rawServices } from './services';

const labelled = (labels: Record<string, string> | null | undefined) => labels?.[STACK_LABEL];

export async function listStacks(client: EngineClient): Promise<SwarmStack[]> {
  const filters = JSON.stringify({ label: [STACK_LABEL] });
  const [services, networks, secrets, configs] = await Promise.all([
    rawServices(client, true),
    swarmCall<RawNetwork[]>(client, 'list networks', { path: '/networks', query: { filters } }),
    swarmCall<RawSwarmData[]>(client, 'list secrets', { path: '/secrets', query: { filters } }),
    swarmCall<RawSwarmData[]>(client, 'list configs', { path: '/configs', query: { filters } }),
  ]);
  const stacks = new Map<string, SwarmStack>();
  const stack = (name: string) => {
    let s = stacks.get(name);
    if (!s)
      stacks.set(name, (s = { name, services: 0, running: 0, desired: 0, networks: [], secrets: [], configs: [] }));
    return s;
  };
  for (const svc of services) {
    const name = labelled(svc.Spec.Labels);
    if (!name) continue;
    const s = stack(name);
    s.services++;
    s.running += svc.ServiceStatus?.RunningTasks ?? 0;
    s.desired += svc.ServiceStatus?.DesiredTasks ?? 0;
  }
  for (const n of networks) {
    const name = labelled(n.Labels);
    if (name) stack(name).networks.push(n.Name);
  }
  for (const [list, key] of [
    [secrets, 'secrets'],
    [configs, 'configs'],
  ] as const)
    for (const d of list) {
      const name = labelled(d.Spec?.Labels);
      if (name) stack(name)[key].push(d.Spec?.Name ?? d.ID);
    }
  return [...stacks.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function dockerCli() {
  const program = findBinary('docker');
  if (!program)
    throw new BerthError({
      kind: 'unavailable',
      message:
        'Berth deploys stacks with the docker CLI (`docker stack deploy`), which is not installed. Install it (Debian/Ubuntu: `sudo apt-get install docker.io`, or docker-ce-cli), then try again.',
    });
  return { program, prefix: ['stack'], label: 'docker stack', version: '', flavour: 'v2' as const };
}

export interface StackOptions {
  signal?: AbortSignal;
  onLine?(line: OutputLine): void;
}

async function stackCommand(
  client: EngineClient,
  args: string[],
  action: string,
  files: string[],
  cwd: string | undefined,
  opts: StackOptions,
): Promise<OutputLine[]> {
  const cli = dockerCli();
  const { env, dispose } = composeEnv(client.address);
  try {
    const res = await runCompose(cli, args, {
      env,
      ...(cwd ? { cwd } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onLine ? { onLine: opts.onLine } : {}),
    });
    if (!opts.signal?.aborted && res.code !== 0) throw explainComposeFailure({ action, files }, res.lines, res.code);
    return res.lines;
  } finally {
    dispose();
  }
}

export interface DeploySource {
  name: string;
  files?: string[];
  /** Compose text, deployed from a temporary file. */
  compose?: string;
  /** Ask the registry for each image's digest (always, when changed, never), as `--resolve-image` does. */
  resolveImage?: 'always' | 'changed' | 'never';
}

/** Where a deploy reads its compose files from, and how to clean up after it. */
export interface PreparedDeploy {
  files: string[];
  cwd: string;
  dispose(): void;
}

/** Checks the files (or writes the text to a private temporary file) and has the CLI validate them. */
export async function prepareDeploy(
  client: EngineClient,
  src: DeploySource,
  opts: StackOptions = {},
): Promise<PreparedDeploy> {
  let temp: string | undefined;
  let files: string[];
  if (src.compose !== undefined) {
    temp = mkdtempSync(join(tmpdir(), 'berth-stack-'));
    files = [join(temp, 'compose.yaml')];
    writeFileSync(files[0]!, src.compose, { mode: 0o600 });
  } else files = validateComposeFiles(src.files ?? []);
  const prepared = {
    files,
    cwd: dirname(files[0]!),
    dispose: () => temp && rmSync(temp, { recursive: true, force: true }),
  };
  try {
    await stackCommand(
      client,
      ['config', ...files.flatMap((f) => ['--compose-file', f])],
      `deploy stack "${src.name}"`,
      src.compose !== undefined ? [] : files,
      prepared.cwd,
      opts,
    );
  } catch (err) {
    prepared.dispose();
    throw err;
  }
  return prepared;
}

export async function deployStack(
  client: EngineClient,
  src: DeploySource,
  prepared: PreparedDeploy,
  opts: StackOptions = {},
): Promise<OutputLine[]> {
  try {
    return await stackCommand(
      client,
      [
        'deploy',
        '--resolve-image',
        src.resolveImage ?? 'always',
        ...prepared.files.flatMap((f) => ['--compose-file', f]),
        src.name,
      ],
      `deploy stack "${src.name}"`,
      src.compose !== undefined ? [] : prepared.files,
      prepared.cwd,
      opts,
    );
  } finally {
    prepared.dispose();
  }
}

export async function removeStack(client: EngineClient, name: string, opts: StackOptions = {}): Promise<void> {
  const known = await listStacks(client);
  if (!known.some((s) => s.name === name))
    throw new BerthError({
      kind: 'not-found',
      message: `There is no stack "${name}" (any more): nothing carries its label. Refresh the list.`,
    });
  await stackCommand(client, ['rm', name], `remove stack "${name}"`, [], undefined, opts);
}
