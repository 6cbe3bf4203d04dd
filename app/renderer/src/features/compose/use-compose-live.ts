// Keeps compose.list current without polling: container events of compose projects (from any
// terminal) and the end of compose tasks refetch it.
import { useStream, useQueryClient } from '../../api/hooks';

const PROJECT_LABEL = 'com.docker.compose.project';
const LIST_ACTIONS = new Set([
  'create',
  'start',
  'stop',
  'die',
  'destroy',
  'pause',
  'unpause',
  'restart',
  'kill',
  'rename',
]);

export function useComposeLive(enabled: boolean): void {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['compose.list'] });
  useStream('engine.events', {}, 'compose-events', {
    enabled,
    onData(events) {
      if (events.some((e) => e.type === 'container' && LIST_ACTIONS.has(e.action) && e.attributes[PROJECT_LABEL]))
        refresh();
    },
    onRestart: refresh,
  });
  useStream('tasks', {}, 'compose-tasks', {
    enabled,
    onData(tasks) {
      if (tasks.some((t) => t.kind === 'compose' && t.state !== 'running')) refresh();
    },
  });
}
