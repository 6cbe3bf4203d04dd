// up / down / restart / pull / build for one service or the whole project, through the compose CLI.
// A service is refused before the verb runs unless the project's config has it (or, for down and
// restart, its containers carry it): names never reach the CLI unchecked.
import type { ComposeVerb } from '../../shared/contract/areas/compose-files';
import { BerthError } from '../../shared/errors';
import type { EngineClient } from '../docker/client';
import type { OutputLine } from './cli-run';
import { runComposeOrFail, type CommandOptions, type ComposeTarget } from './commands';
import { projectContainers } from './projects';

/** The CLI arguments of a verb: `down` of one service is `rm --stop --force` (v1 has no `down <service>`). */
export function verbArgs(verb: ComposeVerb, service: string | undefined, volumes: boolean): string[] {
  const one = service ? [service] : [];
  switch (verb) {
    case 'up':
      // All services: also remove the containers of services no longer in the file, as the plan says.
      return ['up', '-d', ...(service ? [] : ['--remove-orphans']), ...one];
    case 'down':
      return service
        ? ['rm', '--stop', '--force', service]
        : ['down', '--remove-orphans', ...(volumes ? ['--volumes'] : [])];
    case 'restart':
      return ['restart', ...one];
    case 'pull':
      return ['pull', ...one];
    case 'build':
      return ['build', ...one];
  }
}

const doing: Record<ComposeVerb, string> = {
  up: 'bring up',
  down: 'bring down',
  restart: 'restart',
  pull: 'pull the images of',
  build: 'build the images of',
};

/** "bring up service web of project shop" / "bring up project shop". */
export function actionOf(verb: ComposeVerb, project: string, service?: string): string {
  return service
    ? `${doing[verb]} service "${service}" of project "${project}"`
    : `${doing[verb]} project "${project}"`;
}

/** The services the project's config names (`config --services`; a broken file fails with a sentence). */
export async function configServices(
  client: EngineClient,
  t: ComposeTarget,
  opts: CommandOptions = {},
): Promise<string[]> {
  const lines = await runComposeOrFail(
    client,
    t,
    ['config', '--services'],
    `read the services of project "${t.project}"`,
    opts,
  );
  return lines
    .filter((l) => l.stream === 'stdout')
    .map((l) => l.text.trim())
    .filter(Boolean);
}

/**
 * Refuses a service the project does not have, with the ones it has. The config's services count;
 * for down and restart, so do services that only containers still carry.
 */
export async function checkService(
  client: EngineClient,
  t: ComposeTarget,
  verb: ComposeVerb,
  service: string,
  opts: CommandOptions = {},
): Promise<void> {
  const known = new Set(await configServices(client, t, opts));
  if (verb === 'down' || verb === 'restart')
    for (const c of await projectContainers(client, t.project)) if (c.compose) known.add(c.compose.service);
  if (!known.has(service))
    throw new BerthError({
      kind: 'not-found',
      field: 'service',
      message: `Project "${t.project}" has no service "${service}" (it has ${[...known].sort().join(', ') || 'none'}). Check the name, or save the file first if you just added it.`,
    });
}

export function runServiceVerb(
  client: EngineClient,
  t: ComposeTarget,
  verb: ComposeVerb,
  service: string | undefined,
  volumes: boolean,
  opts: CommandOptions = {},
): Promise<OutputLine[]> {
  return runComposeOrFail(client, t, verbArgs(verb, service, volumes), actionOf(verb, t.project, service), opts);
}
