// Start, stop and restart a project by its label, and bring it down by label when its compose files
// are gone: these need no compose file, only the engine.
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from '../docker/client';
import { removeContainer, restartContainer, startContainer, stopContainer } from '../docker/containers-lifecycle';
import type { ContainerSummary } from '../docker/containers';
import { attempt } from '../docker/errors';
import { removeNetwork } from '../docker/networks';
import { listVolumes, removeVolume } from '../docker/volumes';
import { PROJECT_LABEL, projectContainers } from './projects';
import { validateProjectName } from './project-name';

export type LabelVerb = 'start' | 'stop' | 'restart';

async function containersOrFail(client: EngineClient, project: string): Promise<ContainerSummary[]> {
  const list = await projectContainers(client, validateProjectName(project));
  if (!list.length)
    throw new BerthError({
      kind: 'not-found',
      message: `No containers belong to project "${project}" (any more). Refresh the list; bring it up from its compose file to create them.`,
    });
  return list;
}

/** Runs `verb` on every container of the project at once; resolves how many it acted on. */
export async function controlProject(client: EngineClient, project: string, verb: LabelVerb): Promise<number> {
  const all = await containersOrFail(client, project);
  const targets =
    verb === 'start'
      ? all.filter((c) => c.state !== 'running')
      : verb === 'stop'
        ? all.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting')
        : all;
  const act = { start: startContainer, stop: stopContainer, restart: restartContainer }[verb];
  const results = await Promise.allSettled(targets.map((c) => act(client, c.id)));
  const failed = results.flatMap((r, i) =>
    r.status === 'rejected' ? [{ name: targets[i]!.name, err: r.reason as Error }] : [],
  );
  if (failed.length) {
    const first = failed[0]!;
    throw new BerthError({
      kind: first.err instanceof BerthError ? first.err.kind : 'internal',
      message: `Could not ${verb} ${failed.length} of the ${targets.length} containers of project "${project}". ${first.err.message}`,
      detail: failed.map((f) => `${f.name}: ${f.err.message}`).join('\n'),
    });
  }
  return targets.length;
}

/**
 * `down` without a compose file: removes the project's containers and networks, and with `volumes`
 * its volumes (found by the same label, so no other project's volumes are touched).
 */
export async function downByLabel(
  client: EngineClient,
  project: string,
  volumes: boolean,
  onLine?: (text: string) => void,
): Promise<void> {
  const name = validateProjectName(project);
  const say = (t: string) => onLine?.(t);
  for (const c of await projectContainers(client, name)) {
    say(`Removing container ${c.name}`);
    await removeContainer(client, c.id, { force: true });
  }
  const networks = await attempt(`list the networks of project "${name}"`, () =>
    dialJson<{ Id: string; Name: string }[]>(client, {
      path: '/networks',
      query: { filters: JSON.stringify({ label: [`${PROJECT_LABEL}=${name}`] }) },
    }),
  );
  for (const n of networks) {
    say(`Removing network ${n.Name}`);
    await removeNetwork(client, n.Id);
  }
  if (!volumes) return;
  for (const v of (await listVolumes(client)).filter((v) => v.labels[PROJECT_LABEL] === name)) {
    say(`Removing volume ${v.name}`);
    await removeVolume(client, v.name);
  }
}
