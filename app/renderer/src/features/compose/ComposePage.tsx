// Compose projects (#/compose) found from container labels, so projects started from any terminal
// show up; a project (#/compose/<name>/<tab>) with its services and merged logs.
import { useRequest } from '../../api/hooks';
import { engineReady, useEngineStatus } from '../../app/engine-status';
import { EngineGate } from '../../components/EngineGate';
import { linkColumn, namesColumn } from '../../components/columns';
import { EmptyList } from '../../components/ListPage';
import { ObjectTable } from '../../components/ObjectTable';
import type { ComposeProject } from '../../../../shared/contract/areas/compose';
import { ComposeCliNote } from './ComposeCliNote';
import { ComposeTaskOutput } from './ComposeTaskOutput';
import { ComposeEditorPage } from './editor/ComposeEditorPage';
import { EDIT_SEGMENT } from './editor/editor-href';
import { RecentProjects } from './editor/RecentProjects';
import { OpenComposeFile } from './OpenComposeFile';
import { Ports } from './Ports';
import { ProjectActions } from './ProjectActions';
import { ProjectDetail } from './ProjectDetail';
import { ProjectStatus } from './ProjectStatus';
import './compose.css';
import { useComposeFilePicker } from './use-file-picker';

export function ComposePage({ rest }: { rest: string[] }) {
  useComposeFilePicker();
  const status = useEngineStatus();
  const ready = engineReady(status);
  const list = useRequest('compose.list', {}, { enabled: ready });
  const [name, tab] = rest;
  if (name === EDIT_SEGMENT && rest[1] && rest.length > 2)
    return <ComposeEditorPage key={rest.join('/')} project={rest[1]} files={rest.slice(2)} />;
  if (name)
    return (
      <ProjectDetail name={name} tab={tab} project={list.data?.find((p) => p.name === name)} loading={list.isPending} />
    );
  return <ProjectList list={list} ready={ready} />;
}

const serviceNames = (p: ComposeProject) => p.services.map((s) => s.name);

function ProjectList({ list, ready }: { list: ReturnType<typeof useRequest<'compose.list'>>; ready: boolean }) {
  const projects = list.data ?? [];
  return (
    <section aria-labelledby="compose-title" className="list-page">
      <div className="page-head">
        <h1 id="compose-title">Compose</h1>
        <span className="muted">
          {list.data ? `${projects.length} project${projects.length === 1 ? '' : 's'}` : ''}
        </span>
        <ComposeCliNote ready={ready} />
      </div>
      <OpenComposeFile />
      <RecentProjects />
      <ComposeTaskOutput />
      <EngineGate query={list} what="compose projects">
        {projects.length === 0 ? (
          <EmptyList title="No compose projects">
            Open a compose file above, or start one with <code>docker compose up</code> (or{' '}
            <code>docker-compose up</code>) from any terminal: it appears here, grouped by its project name.
          </EmptyList>
        ) : (
          <ObjectTable<ComposeProject>
            label="Compose projects"
            rows={projects}
            rowName={(p) => p.name}
            columns={[
              linkColumn('Project', (p) => p.name, 'compose'),
              {
                label: 'Status',
                value: (p) => p.running,
                render: (p) => <ProjectStatus running={p.running} total={p.total} />,
              },
              namesColumn('Services', serviceNames, 'none', {
                value: (p) => serviceNames(p).join(', '),
                priority: 2,
              }),
              {
                label: 'Ports',
                render: (p) => <Ports ports={p.services.flatMap((s) => s.containers.flatMap((c) => c.ports))} />,
              },
              {
                label: 'Compose file',
                value: (p) => p.configFiles.join(', '),
                grow: true,
                priority: 3,
                render: (p) =>
                  p.filesPresent ? (
                    <span className="mono small" title={p.configFiles.join('\n')}>
                      {p.configFiles.join(', ')}
                    </span>
                  ) : (
                    <span className="files-gone" title={p.configFiles.join('\n') || 'No compose file recorded'}>
                      file gone: label control only
                    </span>
                  ),
              },
            ]}
            actions={(p) => <ProjectActions project={p} compact />}
          />
        )}
      </EngineGate>
    </section>
  );
}
