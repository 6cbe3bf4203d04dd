// One container at #/containers/<id>/<tab>: a header that says what the engine says (state, health,
// restarts, exit reason, ports, its compose project; read once by inspect on opening, then patched
// by events like the list), its actions, and the detail tabs.
import { useEffect, useState } from 'react';
import { useClient, useRequest } from '../../api/hooks';
import { useContainerSync } from '../../api/live-updates';
import { PortList } from '../../components/PortList';
import { ContainerStatus } from './ContainerStatus';
import { exitReason, imageText } from './list-model';
import { engineReady, useEngineStatus } from '../../app/engine-status';
import { href, navigate } from '../../app/router';
import { EngineGate } from '../../components/EngineGate';
import { DetailPage, NotFound } from '../../components/DetailPage';
import { RouteTabs } from '../../components/RouteTabs';
import { useUi } from '../../app/ui-store';
import { EditTab, FilesTab, InspectTab, LogsTab, ProcessesTab, StatsTab, TerminalTab } from './detail';
import { RemoveContainersDialog } from './RemoveContainersDialog';
import { RowActions } from './RowActions';

const tabs = [
  { id: 'logs', label: 'Logs', Component: LogsTab },
  { id: 'terminal', label: 'Terminal', Component: TerminalTab },
  { id: 'stats', label: 'Stats', Component: StatsTab },
  { id: 'inspect', label: 'Inspect', Component: InspectTab },
  { id: 'files', label: 'Files', Component: FilesTab },
  { id: 'processes', label: 'Processes', Component: ProcessesTab },
  { id: 'edit', label: 'Edit', Component: EditTab },
] as const;

export function ContainerDetail({ id, tab = 'logs' }: { id: string; tab?: string | undefined }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const status = useEngineStatus();
  const list = useRequest('containers.list', { all: true }, { enabled: engineReady(status) });
  const [removing, setRemoving] = useState(false);
  const container = list.data?.find((c) => c.id === id || c.name === id || c.id.startsWith(id));
  const sync = useContainerSync();
  const found = container?.id;
  // Exact start time, restart count and OOM kill: one inspect when the page opens.
  useEffect(() => {
    if (found) void sync.refresh(found);
  }, [found, sync]);
  const current = tabs.findIndex((t) => t.id === tab);
  const active = tabs[current < 0 ? 0 : current]!;

  if (!engineReady(status) || list.isPending || list.error)
    return (
      <EngineGate query={list} what="the container">
        {null}
      </EngineGate>
    );
  const back = { href: href('containers'), label: 'Back to containers' };
  if (!container)
    return (
      <NotFound title="Container not found" back={back}>
        No container “{id}” exists any more. It may have been removed.
      </NotFound>
    );

  const reason = exitReason(container);
  const copy = (method: 'containers.runCommand' | 'containers.composeService', done: string) => async () => {
    try {
      const text = await client.request(method, { id: container.id });
      await navigator.clipboard.writeText(text);
      toast('success', done);
    } catch (e) {
      toast('error', (e as Error).message);
    }
  };
  const copyRun = copy('containers.runCommand', 'Copied the docker run command.');
  const copyCompose = copy(
    'containers.composeService',
    'Copied the compose service (a compose file with this one service).',
  );
  return (
    <DetailPage
      titleId="detail-title"
      title={container.name}
      titleHint={container.name}
      back={back}
      actions={
        <>
          <button type="button" onClick={copyRun}>
            Copy docker run
          </button>
          <button type="button" onClick={copyCompose}>
            Copy as compose service
          </button>
          <RowActions container={container} onRemove={() => setRemoving(true)} />
        </>
      }
      facts={
        <div className="detail-facts small">
          <ContainerStatus c={container} />
          {reason && <span className="muted">{reason}</span>}
          <span className="muted ellipsis fact-image" title={container.image}>
            {imageText(container.image)}
          </span>
          <span className="mono muted">{container.id.slice(0, 12)}</span>
          {container.ports.some((p) => p.hostPort) && (
            <PortList ports={container.ports} max={4} owner={container.name} />
          )}
          {container.compose && (
            <a href={href('compose', container.compose.project)}>Compose project {container.compose.project}</a>
          )}
        </div>
      }
    >
      <RouteTabs
        label={`${container.name} details`}
        tabs={tabs}
        active={active.id}
        hrefOf={(t) => href('containers', container.id, t)}
        idPrefix="container"
      >
        <active.Component key={`${container.id}-${active.id}`} container={container} />
      </RouteTabs>
      {removing && (
        <RemoveContainersDialog
          containers={[container]}
          onClose={() => setRemoving(false)}
          onRemoved={() => navigate(href('containers'))}
        />
      )}
    </DetailPage>
  );
}
