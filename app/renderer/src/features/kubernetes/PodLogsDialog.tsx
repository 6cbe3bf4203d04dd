// A pod's log in the same virtualised view as a container's (follow, search, copy, download), with a
// container picker when the pod has more than one, and the previous instance's log (the one that
// crashed) once the pod has restarted.
import { useState } from 'react';
import type { KubePod } from '../../../../shared/contract/areas/kube';
import { Dialog } from '../../components/Dialog';
import { LogFooter, LogFrame } from '../containers/detail/logs/LogFrame';
import { ShowHistoryToolbar } from '../containers/detail/logs/LogToolbarActions';
import { linesFeed } from '../containers/detail/logs/log-feed';
import { useLogStream } from '../containers/detail/logs/use-log-stream';
import { useLogView } from '../containers/detail/logs/use-log-view';
import '../containers/detail/common/common.css';
import '../containers/detail/logs/logs.css';

const HISTORY = [
  { value: '1000', label: 'Last 1 000 lines' },
  { value: '10000', label: 'Last 10 000 lines' },
  { value: 'all', label: 'All lines' },
] as const;

export function PodLogsDialog({ context, pod, onClose }: { context: string; pod: KubePod; onClose(): void }) {
  const [container, setContainer] = useState(pod.containers[0] ?? '');
  const [history, setHistory] = useState<(typeof HISTORY)[number]['value']>('1000');
  const [previous, setPrevious] = useState(false);
  const tail = history === 'all' ? 'all' : Number(history);
  const key = `${context}|${pod.namespace}|${pod.name}|${container}|${history}|${previous}`;
  const source = useLogStream(
    'kube.logs',
    {
      context,
      namespace: pod.namespace,
      pod: pod.name,
      // A previous instance has ended: its log is read to the end, not followed.
      follow: !previous,
      tail,
      previous,
      ...(container ? { container } : {}),
    },
    key,
    linesFeed((items) => items),
  );
  const view = useLogView(source, `${pod.name}${container ? `-${container}` : ''}`);
  return (
    <Dialog title={`Logs of pod ${pod.name}${previous ? ' (previous instance)' : ''}`} onClose={onClose} wide>
      <div className="bd-tab logs-tab kube-logs" ref={view.root}>
        <ShowHistoryToolbar view={view} choices={HISTORY} history={history} onHistory={setHistory}>
          {pod.containers.length > 1 && (
            <label className="inline">
              Container
              <select aria-label="Container" value={container} onChange={(e) => setContainer(e.target.value)}>
                {pod.containers.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="inline" title={pod.restarts ? undefined : 'The pod has not restarted.'}>
            <input
              type="checkbox"
              checked={previous}
              disabled={pod.restarts === 0}
              onChange={(e) => setPrevious(e.target.checked)}
            />
            Previous instance
          </label>
        </ShowHistoryToolbar>
        <LogFrame
          view={view}
          label={`Logs of pod ${pod.name}`}
          errorFallback="The pod's log could not be read."
          emptyText="No log output yet."
        />
        <LogFooter view={view} from={container || pod.name} />
      </div>
    </Dialog>
  );
}
