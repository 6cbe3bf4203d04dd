// compose.logs: a project's logs interleaved by timestamp; containers that start later join through
// the engine's start events.
import { projectLogs } from '../../../engine/compose/project-logs';
import { PROJECT_LABEL } from '../../../engine/compose/projects';
import type { SubscriptionHandlers } from '../types';

export const composeStreams: Pick<SubscriptionHandlers, 'compose.logs'> = {
  'compose.logs': async ({ project, services, tail, follow }, { engine, signal }) => ({
    batches: projectLogs(await engine.client(), {
      project,
      tail,
      follow,
      signal,
      ...(services ? { services } : {}),
      watchStarts: (listener) =>
        engine.onEvent((e) => {
          if (e.type !== 'container' || e.action !== 'start' || e.attributes[PROJECT_LABEL] !== project) return;
          if (e.attributes['com.docker.compose.oneoff']?.toLowerCase() === 'true') return;
          listener({
            id: e.id,
            name: e.attributes.name ?? e.name ?? e.id.slice(0, 12),
            service: e.attributes['com.docker.compose.service'] ?? '',
            timeMs: e.time,
          });
        }),
    }),
  }),
};
