// Compose projects found from container labels, so projects started from any terminal show up.
import { useMemo } from 'react';
import type { ContainerSummary } from '../../../../shared/contract';
import { useRequest } from '../../api/hooks';
import { engineReady, useEngineStatus } from '../../app/engine-status';
import { href } from '../../app/router';
import { EngineGate } from '../../components/EngineGate';
import { ObjectTable } from '../../components/ObjectTable';
import { useContainerAction } from '../containers/use-container-action';

interface Project {
  name: string;
  containers: ContainerSummary[];
  services: string[];
  running: number;
  workingDir?: string;
}

export function projectsOf(containers: ContainerSummary[]): Project[] {
  const byName = new Map<string, Project>();
  for (const c of containers) {
    if (!c.compose) continue;
    const p = byName.get(c.compose.project) ?? { name: c.compose.project, containers: [], services: [], running: 0 };
    p.containers.push(c);
    if (!p.services.includes(c.compose.service)) p.services.push(c.compose.service);
    if (c.state === 'running') p.running++;
    if (c.compose.workingDir) p.workingDir = c.compose.workingDir;
    byName.set(p.name, p);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function ComposePage() {
  const status = useEngineStatus();
  const list = useRequest('containers.list', { all: true }, { enabled: engineReady(status) });
  const projects = useMemo(() => projectsOf(list.data ?? []), [list.data]);
  const act = useContainerAction();
  return (
    <section aria-labelledby="compose-title" className="list-page">
      <div className="page-head">
        <h1 id="compose-title">Compose</h1>
        <span className="muted">{list.data ? `${projects.length} projects` : ''}</span>
      </div>
      <EngineGate query={list} what="compose projects">
        {projects.length === 0 ? (
          <div className="empty">
            <h2>No compose projects</h2>
            <p>
              Projects started with <code>docker compose up</code> (or <code>docker-compose up</code>) from any terminal appear here, grouped by
              their project name.
            </p>
          </div>
        ) : (
          <ObjectTable
            label="Compose projects"
            rows={projects}
            rowKey={(p) => p.name}
            rowName={(p) => p.name}
            columns={[
              { label: 'Project', value: (p) => p.name, render: (p) => <a href={`${href('containers')}`}>{p.name}</a> },
              { label: 'Status', value: (p) => p.running, render: (p) => `${p.running} of ${p.containers.length} running` },
              { label: 'Services', value: (p) => p.services.join(', '), render: (p) => p.services.join(', ') },
              { label: 'Folder', value: (p) => p.workingDir ?? '', render: (p) => <span className="mono small truncate">{p.workingDir ?? '—'}</span> },
            ]}
            actions={(p) => (
              <div className="row-actions" role="group" aria-label={`Actions for project ${p.name}`}>
                <button type="button" className="small" onClick={() => act.bulk('containers.start', p.containers)}>
                  Start
                </button>
                <button type="button" className="small" onClick={() => act.bulk('containers.stop', p.containers)}>
                  Stop
                </button>
                <button type="button" className="small" onClick={() => act.bulk('containers.restart', p.containers)}>
                  Restart
                </button>
              </div>
            )}
          />
        )}
      </EngineGate>
    </section>
  );
}
