// One object as kubectl describe and get -o yaml show it: an overview (a pod's containers with their
// state and last state, the status conditions, the object's events) and its YAML; for a pod also a
// terminal in its containers (kubectl exec -it), kept while the dialog is open; for a stateful or
// daemon set also its members (SetMembersSection). Read once when opened; "Refresh" reads it again.
import { useState, type ReactNode } from 'react';
import type { KubeDescribed } from '../../../../shared/contract/areas/kube';
import { useRequest } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { useNow } from '../../components/use-now';
import { age } from './kube-columns';
import { viewOf, type Deletable } from './kube-kinds';
import type { KubeTarget } from './KubeDialogs';
import { PodTerminal } from './PodTerminal';
import { SetMembersSection } from './SetMembersSection';
import { hasMembers, useRefreshSetMembers } from './use-set-members';

export type DetailTab = 'overview' | 'yaml' | 'terminal';

export function KubeDetailDialog({
  resource,
  target,
  onClose,
  initialTab = 'overview',
  row,
}: {
  resource: Deletable;
  target: KubeTarget;
  onClose(): void;
  initialTab?: DetailTab;
  /** The object's watched row (a set's members are read again when it changes). */
  row?: unknown;
}) {
  const [tab, setTab] = useState<DetailTab>(initialTab);
  // The terminal stays (hidden) once opened, so looking at the YAML does not end its shell.
  const [terminalOpened, setTerminalOpened] = useState(initialTab === 'terminal');
  const { noun } = viewOf(resource);
  const q = useRequest('kube.describe', { ...target, resource });
  const refreshMembers = useRefreshSetMembers();
  const tabs: [DetailTab, string][] = [
    ['overview', 'Overview'],
    ['yaml', 'YAML'],
    ...(resource === 'pods' ? [['terminal', 'Terminal'] as [DetailTab, string]] : []),
  ];
  const choose = (t: DetailTab) => {
    setTab(t);
    if (t === 'terminal') setTerminalOpened(true);
  };
  return (
    <Dialog title={`${noun[0]!.toUpperCase()}${noun.slice(1)} ${target.name}`} onClose={onClose} wide>
      <div className="dialog-body kube-detail">
        <div className="bd-toolbar">
          <div role="tablist" aria-label="Details" className="tabs">
            {tabs.map(([id, label]) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`kube-detail-${id}`}
                aria-selected={tab === id}
                aria-controls="kube-detail-panel"
                tabIndex={tab === id ? 0 : -1}
                onClick={() => choose(id)}
                onKeyDown={(e) => {
                  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (!step) return;
                  const i = tabs.findIndex(([t]) => t === tab);
                  const next = tabs[(i + step + tabs.length) % tabs.length]![0];
                  choose(next);
                  requestAnimationFrame(() => document.getElementById(`kube-detail-${next}`)?.focus());
                }}
              >
                {label}
              </button>
            ))}
          </div>
          <span className="bd-spacer" />
          <span className="muted small">namespace {target.namespace}</span>
          <button
            type="button"
            className="small"
            onClick={() => {
              void q.refetch();
              if (hasMembers(resource)) refreshMembers();
            }}
            disabled={q.isFetching}
          >
            {q.isFetching ? 'Reading…' : 'Refresh'}
          </button>
        </div>
        <div
          role="tabpanel"
          id="kube-detail-panel"
          aria-labelledby={`kube-detail-${tab}`}
          className="kube-detail-panel"
        >
          {q.error ? (
            <p role="alert">{q.error.message}</p>
          ) : !q.data ? (
            <p className="muted">Reading {target.name}…</p>
          ) : tab === 'overview' ? (
            <>
              {hasMembers(resource) && <SetMembersSection resource={resource} target={target} row={row} />}
              <Overview d={q.data} />
            </>
          ) : tab === 'yaml' ? (
            <pre className="mono small kube-yaml" tabIndex={0} aria-label={`YAML of ${target.name}`}>
              {q.data.yaml}
            </pre>
          ) : null}
          {terminalOpened && q.data && (
            <div hidden={tab !== 'terminal'} className="kube-terminal-panel">
              <PodTerminal
                context={target.context}
                namespace={target.namespace}
                pod={target.name}
                containers={q.data.containers.map((c) => c.name)}
              />
            </div>
          )}
        </div>
      </div>
    </Dialog>
  );
}

/** One part of the overview: its heading, and its table, or the sentence that there is nothing. */
function Section({
  title,
  columns,
  empty,
  children,
}: {
  title: string;
  columns: string[];
  /** The sentence shown instead of an empty table. */
  empty?: string | false;
  children: ReactNode;
}) {
  const id = `kube-${title.toLowerCase()}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {empty ? (
        <p className="muted">{empty}</p>
      ) : (
        <DataTable label={title} columns={columns} className="kube-small-table">
          {children}
        </DataTable>
      )}
    </section>
  );
}

const none = <span className="muted">—</span>;

function Overview({ d }: { d: KubeDescribed }) {
  const now = useNow();
  return (
    <>
      {d.containers.length > 0 && (
        <Section title="Containers" columns={['Name', 'Image', 'Ready', 'Restarts', 'State', 'Last state']}>
          {d.containers.map((c) => (
            <tr key={c.name} aria-label={c.name}>
              <td>{c.name}</td>
              <td className="mono small">{c.image}</td>
              <td>{c.ready ? 'Yes' : 'No'}</td>
              <td>{c.restarts}</td>
              <td>{c.state}</td>
              <td>{c.lastState || none}</td>
            </tr>
          ))}
        </Section>
      )}
      <Section
        title="Conditions"
        columns={['Type', 'Status', 'Reason', 'Message']}
        empty={d.conditions.length === 0 && `This ${d.kind} reports no conditions.`}
      >
        {d.conditions.map((c) => (
          <tr key={c.type} aria-label={c.type}>
            <td>{c.type}</td>
            <td className={c.status === 'True' ? undefined : 'kube-short'}>{c.status}</td>
            <td>{c.reason || none}</td>
            <td>{c.message || none}</td>
          </tr>
        ))}
      </Section>
      <Section
        title="Events"
        columns={['Last seen', 'Type', 'Reason', 'Message']}
        empty={d.events.length === 0 && `No events about this ${d.kind} (the cluster keeps them for about an hour).`}
      >
        {d.events.map((e) => (
          <tr key={e.name} aria-label={`${e.reason} ${age(e.last, now)}`}>
            <td className="nowrap">{age(e.last, now)}</td>
            <td className={e.type === 'Warning' ? 'kube-short' : undefined}>{e.type}</td>
            <td>{e.reason}</td>
            <td>
              {e.message}
              {e.count > 1 && <span className="muted"> ×{e.count}</span>}
            </td>
          </tr>
        ))}
      </Section>
    </>
  );
}
