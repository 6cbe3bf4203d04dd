// One service at #/swarm/services/<name>/<tab>: mode, image, tasks, ports and its rolling update as it
// happens; its actions; Tasks and Logs (merged across tasks and nodes) tabs.
import { href } from '../../app/router';
import { DetailPage, NotFound } from '../../components/DetailPage';
import { RouteTabs } from '../../components/RouteTabs';
import { ServiceActions } from './ServiceActions';
import { ServiceLogs } from './ServiceLogs';
import { TasksTable } from './TasksTable';
import { UpdateProgress } from './UpdateProgress';
import { modeText, portText, tasksText } from './service-format';
import { useServices, useTasks } from './swarm-queries';

const tabs = [
  { id: 'tasks', label: 'Tasks' },
  { id: 'logs', label: 'Logs' },
] as const;

export function ServiceDetail({ name, tab }: { name: string; tab: string | undefined }) {
  const list = useServices();
  const tasks = useTasks({ service: name });
  const service = list.data?.find((s) => s.name === name);
  const back = { href: href('swarm', 'services'), label: 'Back to services' };
  if (list.isPending) return <p className="muted empty">Loading…</p>;
  if (!service)
    return (
      <NotFound title="Service not found" back={back}>
        There is no service “{name}” (any more). It may have been removed.
      </NotFound>
    );
  const active = tabs.find((t) => t.id === tab) ?? tabs[0];
  const rows = tasks.data ?? [];
  return (
    <DetailPage
      titleId="service-title"
      title={service.name}
      back={back}
      actions={<ServiceActions service={service} />}
      facts={
        <div className="project-head-facts">
          <span>{modeText(service)}</span>
          <span aria-label="Task count">{tasksText(service)}</span>
          <span className="mono">{service.image}</span>
          {service.ports.length > 0 && <span className="mono">{service.ports.map(portText).join(', ')}</span>}
          {service.stack && (
            <span>
              stack <a href={href('swarm', 'stacks', service.stack)}>{service.stack}</a>
            </span>
          )}
        </div>
      }
    >
      <UpdateProgress service={service} tasks={rows} />
      <RouteTabs
        label={`${service.name} details`}
        tabs={tabs}
        active={active.id}
        hrefOf={(t) => href('swarm', 'services', service.name, t)}
        idPrefix="service"
      >
        {active.id === 'tasks' ? (
          tasks.error ? (
            <p className="error-text">{tasks.error.message}</p>
          ) : (
            <TasksTable tasks={rows} label={`Tasks of ${service.name}`} />
          )
        ) : (
          <ServiceLogs
            key={service.name}
            name={service.name}
            label={`Logs of service ${service.name}`}
            services={[service.name]}
            tasks={rows}
          />
        )}
      </RouteTabs>
    </DetailPage>
  );
}
