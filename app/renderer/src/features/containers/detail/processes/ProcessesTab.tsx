// The Processes tab: the container's `top` as a table; refreshed on demand, or every 5 s while
// the tab is shown and the window visible.
import { useState } from 'react';
import type { ContainerSummary } from '../../../../../../shared/contract';
import { usePageVisible, useRequest } from '../../../../api/hooks';
import { Empty, ErrorNote, Loading } from '../common/States';
import '../common/common.css';
import './processes.css';

const NUMERIC = /^(PID|PPID|C|%CPU|%MEM|VSZ|RSS|NI|PRI|UID)$/i;

export function ProcessesTab({ container }: { container: ContainerSummary }) {
  const running = container.state === 'running' || container.state === 'paused';
  const visible = usePageVisible();
  const [auto, setAuto] = useState(false);
  const q = useRequest(
    'containers.top',
    { id: container.id },
    {
      enabled: running,
      staleTime: 0,
      retry: false,
      refetchInterval: auto && visible ? 5000 : false,
      refetchIntervalInBackground: false,
      refetchOnWindowFocus: false,
    },
  );
  const data = q.data;
  const cmdCol = data ? data.titles.findIndex((t) => /^(CMD|COMMAND)$/i.test(t)) : -1;

  return (
    <div className="bd-tab processes-tab">
      <div className="bd-toolbar">
        <button type="button" className="bd-btn" disabled={!running || q.isFetching} onClick={() => void q.refetch()}>
          Refresh
        </button>
        <label className="bd-check">
          <input type="checkbox" checked={auto} disabled={!running} onChange={(e) => setAuto(e.target.checked)} />
          Auto-refresh every 5 s
        </label>
        <span className="bd-spacer" />
        {data && (
          <span className="bd-status" role="status" aria-live="polite">
            {data.processes.length} {data.processes.length === 1 ? 'process' : 'processes'}
            {q.dataUpdatedAt ? ` · updated ${new Date(q.dataUpdatedAt).toLocaleTimeString()}` : ''}
          </span>
        )}
      </div>
      {!running && <Empty>The container is not running, so it has no processes.</Empty>}
      {running && q.isPending && <Loading label="Listing processes…" />}
      {running && <ErrorNote error={q.error} onRetry={() => void q.refetch()} />}
      {running && data && (
        <div className="bd-scroll">
          <table className="bd-table procs-table" aria-label={`Processes in ${container.name}`}>
            <thead>
              <tr>
                {data.titles.map((t, i) => (
                  <th key={i} scope="col" className={NUMERIC.test(t) ? 'num' : undefined}>
                    {t}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.processes.map((p, r) => (
                <tr key={r} aria-label={cmdCol >= 0 ? p[cmdCol] : p.join(' ')}>
                  {p.map((cell, i) => (
                    <td
                      key={i}
                      className={i === cmdCol ? 'procs-cmd' : NUMERIC.test(data.titles[i] ?? '') ? 'num' : undefined}
                    >
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
