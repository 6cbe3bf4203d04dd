// One project at #/compose/<project>/<tab>: its status, files and actions; Services and Logs tabs.
import type { ComposeProject } from '../../../../shared/contract/areas/compose';
import { href } from '../../app/router';
import { ComposeTaskOutput } from './ComposeTaskOutput';
import { ProjectActions } from './ProjectActions';
import { ProjectLogs } from './ProjectLogs';
import { ProjectStatus } from './ProjectStatus';
import { ServicesTable } from './ServicesTable';
import { DetailPage, NotFound } from '../../components/DetailPage';
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
  const back = { href: href('compose'), label: 'Back to compose projects' };
  if (loading) return <p className="muted empty">Loading…</p>;
  if (!project)
    return (
      <NotFound title="Project not found" back={back} extra={<ComposeTaskOutput />}>
        No container of project “{name}” exists any more. It may have been brought down.
      </NotFound>
    );
  const active = tabs.find((t) => t.id === tab) ?? tabs[0];
  return (
    <DetailPage
      titleId="project-title"
      title={project.name}
      back={back}
      actions={
        <>
          {project.filesPresent && (
            <a className="button" href={editorHref(project.name, project.configFiles)}>
              Edit compose file
            </a>
          )}
          <ProjectActions project={project} />
        </>
      }
      facts={
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
      }
    >
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
    </DetailPage>
  );
}
