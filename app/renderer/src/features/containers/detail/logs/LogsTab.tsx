// The Logs tab: a live, virtualized, searchable view of one container's logs. What is the
// container's own here: the Lines choice, the time range, reopening the stream when it runs again,
// and the sentences about a container that is not running.
import { useState } from 'react';
import type { ContainerSummary } from '../../../../../../shared/contract';
import { LogFooter, LogFrame } from './LogFrame';
import { LogSearchBar } from './LogSearchBar';
import { ToolbarSelect } from '../common/ToolbarSelect';
import { LogToolbarActions } from './LogToolbarActions';
import { TimeRangePicker } from './TimeRangePicker';
import { tailChoices, type TailChoice } from './tail-choice';
import { closedRangeText, emptyRangeText, LIVE, type LogRange } from './time-range';
import { useLogSource } from './use-log-source';
import { useKeepMatchOnFilterToggle, useLogView } from './use-log-view';
import '../common/common.css';
import './logs.css';

export function LogsTab({ container }: { container: ContainerSummary }) {
  const [choice, setChoice] = useState<TailChoice>('1000');
  const [range, setRange] = useState<LogRange>(LIVE);
  const source = useLogSource(container.id, container.state, choice, range);
  const view = useLogView(source, container.name);
  useKeepMatchOnFilterToggle(view);
  const closed = closedRangeText(source.window);

  return (
    <div className="bd-tab logs-tab" ref={view.root}>
      <div className="bd-toolbar">
        <LogSearchBar {...view.searchBar} />
        <div className="log-actions">
          <LogToolbarActions
            view={view}
            history={
              <>
                <TimeRangePicker range={range} onChange={setRange} />
                {range.kind === 'live' && (
                  <ToolbarSelect
                    label="Lines"
                    ariaLabel="Lines"
                    title="How many lines to load"
                    choices={tailChoices}
                    value={choice}
                    onChange={setChoice}
                  />
                )}
              </>
            }
          />
        </div>
      </div>
      <LogFrame
        view={view}
        label={`Logs of ${container.name}`}
        errorFallback="The logs could not be read."
        emptyText={
          emptyRangeText(range, source.window) ??
          (container.state === 'running' ? 'No log output yet.' : 'This container wrote no logs.')
        }
        closed={!!closed}
      />
      <LogFooter
        view={view}
        closed={closed}
        note={source.status === 'ended' && !closed && ' · the log stream ended (the container is not running)'}
      />
    </div>
  );
}
