// A project's services: each row named by the service, with its containers, their state, image and
// ports, and links to each container's logs and terminal.
import type { ComposeProject, ComposeService } from '../../../../shared/contract/areas/compose';
import { href } from '../../app/router';
import { ObjectTable } from '../../components/ObjectTable';
import { Ports } from './Ports';
import { ProjectStatus } from './ProjectStatus';
import { serviceColourClass } from './service-colours';

export function ServicesTable({ project }: { project: ComposeProject }) {
  const names = project.services.map((s) => s.name);
  return (
    <ObjectTable<ComposeService>
      label={`Services of project ${project.name}`}
      rows={project.services}
      rowKey={(s) => s.name}
      rowName={(s) => s.name}
      columns={[
        {
          label: 'Service',
          value: (s) => s.name,
          render: (s) => (
            <span className={`service-cell ${serviceColourClass(names, s.name)}`}>
              <span className="svc-swatch" aria-hidden="true" />
              {s.name}
            </span>
          ),
        },
        {
          label: 'Status',
          value: (s) => s.running,
          render: (s) => <ProjectStatus running={s.running} total={s.containers.length} />,
        },
        {
          label: 'Containers',
          render: (s) => (
            <div className="container-lines">
              {s.containers.map((c) => (
                <div key={c.id} className="container-line">
                  <a href={href('containers', c.id)} className="mono">
                    {c.name}
                  </a>
                  <span className={`state-pill ${c.state}`}>{c.state}</span>
                  <a className="small-link" href={href('containers', c.id, 'logs')} aria-label={`Logs of ${c.name}`}>
                    Logs
                  </a>
                  {c.state === 'running' && (
                    <a
                      className="small-link"
                      href={href('containers', c.id, 'terminal')}
                      aria-label={`Terminal in ${c.name}`}
                    >
                      Terminal
                    </a>
                  )}
                </div>
              ))}
            </div>
          ),
        },
        {
          label: 'Image',
          value: (s) => s.containers[0]?.image ?? '',
          render: (s) => <span className="mono small">{s.containers[0]?.image ?? '—'}</span>,
        },
        { label: 'Ports', render: (s) => <Ports ports={s.containers.flatMap((c) => c.ports)} /> },
      ]}
    />
  );
}
