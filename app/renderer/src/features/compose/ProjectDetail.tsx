// One project at #/compose/<project>/<tab>: its status, files and actions; Services and Logs tabs.
import type { ComposeProject } from '../../../../shared/contract/areas/compose';
import { href } from '../../app/router';
import { ComposeTaskOutput } from './ComposeTaskOutput';
import { ProjectActions } from './ProjectActions';
import { ProjectLogs } from './ProjectLogs';
import { ProjectStatus } from './ProjectStatus';
import { ServicesTable } from './ServicesTable';
import { RouteTabs } from '../../components/RouteTabs';
import { editorHref } from './editor/editor-href';

const tabs = [
  { id: 'services', label: 'Services' },
  { id: 'logs', label: 'Logs' },
] as const;

export function ProjectDetail({
  name,
  tab,
  project,
  loading,
}: {
  name: string;
  tab: string | undefined;
  project: ComposeProject | undefined;
  loading: boolean;
}) {
  if (loading) return <p className="muted empty">Loading…</p>;
  if (!project)
    return (
      <div className="empty" role="alert">
        <h1>Project not found</h1>
        <p>No container of project “{name}” exists any more. It may have been brought down.</p>
        <ComposeTaskOutput />
        <a className="button" href={href('compose')}>
          Back to compose projects
        </a>
      </div>
    );
  const active = tabs.find((t) => t.id === tab) ?? tabs[0];
  return (
    <section className="detail" aria-labelledby="project-title">
      <div className="detail-head">
        <a href={href('compose')} className="back" aria-label="Back to compose projects">
          ←
        </a>
        <div>
          <h1 id="project-title">{project.name}</h1>
          <div className="project-head-facts">
            <ProjectStatus running={project.running} total={project.total} />
            <span>
              {project.services.length} service{project.services.length === 1 ? '' : 's'}
            </span>
            {project.configFiles.map((f) => (
              <span key={f} className="mono">
                {f}
              </span>
            ))}
            {!project.filesPresent && <span className="files-gone">compose file gone: controlled by label</span>}
          </div>
        </div>
        <span className="spacer" />
        {project.filesPresent && (
          <a className="button" href={editorHref(project.name, project.configFiles)}>
            Edit compose file
          </a>
        )}
        <ProjectActions project={project} />
      </div>
      <ComposeTaskOutput />
      <RouteTabs
        label={`${project.name} details`}
        tabs={tabs}
        active={active.id}
        hrefOf={(t) => href('compose', project.name, t)}
        idPrefix="compose"
      >
        {active.id === 'services' ? (
          <ServicesTable project={project} />
        ) : (
          <ProjectLogs key={project.name} project={project} />
        )}
      </RouteTabs>
    </section>
  );
}
