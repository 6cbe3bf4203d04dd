// The Logs tab: a live, virtualized, searchable view of one container's logs. What is the
// container's own here: the Lines choice, reopening the stream when it runs again, and the
// sentences about a container that is not running.
import { useState } from 'react';
import type { ContainerSummary } from '../../../../../../shared/contract';
import { LogFooter, LogFrame } from './LogFrame';
import { LogSearchBar } from './LogSearchBar';
import { HistorySelect, LogToolbarActions } from './LogToolbarActions';
import { tailChoices, type TailChoice } from './tail-choice';
import { useLogSource } from './use-log-source';
import { useKeepMatchOnFilterToggle, useLogView } from './use-log-view';
import '../common/common.css';
import './logs.css';

export function LogsTab({ container }: { container: ContainerSummary }) {
  const [choice, setChoice] = useState<TailChoice>('1000');
  const source = useLogSource(container.id, container.state, choice);
  const view = useLogView(source, container.name);
  useKeepMatchOnFilterToggle(view);

  return (
    <div className="bd-tab logs-tab" ref={view.root}>
      <div className="bd-toolbar">
        <LogSearchBar {...view.searchBar} />
        <div className="log-actions">
          <LogToolbarActions
            view={view}
            history={
              <HistorySelect
                label="Lines"
                ariaLabel="Lines"
                title="How many lines to load"
                choices={tailChoices}
                value={choice}
                onChange={setChoice}
              />
            }
          />
        </div>
      </div>
      <LogFrame
        view={view}
        label={`Logs of ${container.name}`}
        errorFallback="The logs could not be read."
        emptyText={container.state === 'running' ? 'No log output yet.' : 'This container wrote no logs.'}
      />
      <LogFooter
        view={view}
        note={source.status === 'ended' && ' · the log stream ended (the container is not running)'}
      />
    </div>
  );
}
