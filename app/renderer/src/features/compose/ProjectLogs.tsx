// A project's logs: every service in one stream, interleaved by time, each line marked and coloured
// by its service; the container logs view's search, follow and list, plus a filter by service.
import { useMemo, useState } from 'react';
import type { ComposeProject } from '../../../../shared/contract/areas/compose';
import { LogFooter, LogFrame } from '../containers/detail/logs/LogFrame';
import { LogSearchBar } from '../containers/detail/logs/LogSearchBar';
import { HistorySelect, LogToolbarActions } from '../containers/detail/logs/LogToolbarActions';
import { useLogView } from '../containers/detail/logs/use-log-view';
import { prefixContext, serviceColourClass } from './service-colours';
import { useProjectLogs } from './use-project-logs';
import '../containers/detail/common/common.css';
import '../containers/detail/logs/logs.css';
import './compose.css';

const HISTORY = [
  { value: '1000', label: 'Last 1 000 lines per container' },
  { value: '10000', label: 'Last 10 000 lines per container' },
  { value: 'all', label: 'All lines' },
] as const;

export function ProjectLogs({ project }: { project: ComposeProject }) {
  const prefix = useMemo(() => prefixContext(project.services), [project.services]);
  const allServices = prefix.services;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = allServices.filter((s) => !hidden.has(s));
  const filterArg = hidden.size ? shown : undefined;
  const [history, setHistory] = useState<(typeof HISTORY)[number]['value']>('1000');
  const source = useProjectLogs(project.name, filterArg, history === 'all' ? 'all' : Number(history), prefix);
  const view = useLogView(source, project.name);

  const toggle = (service: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(service)) next.delete(service);
      else if (allServices.length - next.size > 1) next.add(service);
      return next;
    });

  return (
    <div className="bd-tab logs-tab project-logs" ref={view.root}>
      <div className="svc-filter" role="group" aria-labelledby={`svc-filter-${project.name}`}>
        <span id={`svc-filter-${project.name}`} className="svc-filter-title">
          Services shown
        </span>
        {allServices.map((s) => (
          <label key={s} className={`svc-chip ${serviceColourClass(allServices, s)}`}>
            <input
              type="checkbox"
              checked={!hidden.has(s)}
              disabled={!hidden.has(s) && shown.length === 1}
              onChange={() => toggle(s)}
            />
            <span className="svc-swatch" aria-hidden="true" />
            {s}
          </label>
        ))}
      </div>
      <div className="bd-toolbar">
        <LogSearchBar {...view.searchBar} />
        <span className="bd-spacer" />
        <LogToolbarActions
          view={view}
          history={<HistorySelect label="Show" choices={HISTORY} value={history} onChange={setHistory} />}
        />
      </div>
      <LogFrame
        view={view}
        label={`Logs of project ${project.name}`}
        errorFallback="The project logs could not be read."
        emptyText={
          project.running ? 'No log output yet.' : 'No logs: the project\u2019s containers wrote none, or none exist.'
        }
      />
      <LogFooter view={view} from={shown.length === allServices.length ? 'all services' : shown.join(', ')} />
    </div>
  );
}
