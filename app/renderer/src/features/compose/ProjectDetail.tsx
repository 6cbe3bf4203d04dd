// One project at #/compose/<project>/<tab>: its status, files and actions; Services and Logs tabs.
import { useRef } from 'react';
import type { ComposeProject } from '../../../../shared/contract/areas/compose';
import { href, navigate } from '../../app/router';
import { ComposeTaskOutput } from './ComposeTaskOutput';
import { ProjectActions } from './ProjectActions';
import { ProjectLogs } from './ProjectLogs';
import { ProjectStatus } from './ProjectStatus';
import { ServicesTable } from './ServicesTable';

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
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
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
  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    const next =
      e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : -1;
    if (next < 0) return;
    e.preventDefault();
    navigate(href('compose', project.name, tabs[next]!.id));
    tabRefs.current[next]?.focus();
  };
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
        <ProjectActions project={project} />
      </div>
      <ComposeTaskOutput />
      <div role="tablist" aria-label={`${project.name} details`} className="tabs">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            role="tab"
            id={`compose-tab-${t.id}`}
            aria-selected={t.id === active.id}
            aria-controls={`compose-panel-${t.id}`}
            tabIndex={t.id === active.id ? 0 : -1}
            onClick={() => navigate(href('compose', project.name, t.id))}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`compose-panel-${active.id}`}
        aria-labelledby={`compose-tab-${active.id}`}
        className="tab-panel"
      >
        {active.id === 'services' ? (
          <ServicesTable project={project} />
        ) : (
          <ProjectLogs key={project.name} project={project} />
        )}
      </div>
    </section>
  );
}
