// One stack at #/swarm/stacks/<name>/<tab>: its services, its tasks and their logs merged.
import { href } from '../../app/router';
import { RouteTabs } from '../../components/RouteTabs';
import { ServiceLogs } from './ServiceLogs';
import { ServicesTable } from './ServicesTable';
import { StackActions, useStacks } from './StacksTab';
import { TasksTable } from './TasksTable';
import { useServices, useTasks } from './swarm-queries';

const tabs = [
  { id: 'services', label: 'Services' },
  { id: 'tasks', label: 'Tasks' },
  { id: 'logs', label: 'Logs' },
] as const;

export function StackDetail({ name, tab }: { name: string; tab: string | undefined }) {
  const stacks = useStacks();
  const services = useServices();
  const tasks = useTasks({ stack: name });
  const stack = stacks.data?.find((s) => s.name === name);
  if (stacks.isPending) return <p className="muted empty">Loading…</p>;
  if (!stack)
    return (
      <div className="empty" role="alert">
        <h1>Stack not found</h1>
        <p>Nothing carries the label of stack “{name}” (any more). It may have been removed.</p>
        <a className="button" href={href('swarm', 'stacks')}>
          Back to stacks
        </a>
      </div>
    );
  const own = (services.data ?? []).filter((s) => s.stack === name);
  const active = tabs.find((t) => t.id === tab) ?? tabs[0];
  return (
    <section className="detail" aria-labelledby="stack-title">
      <div className="detail-head">
        <a href={href('swarm', 'stacks')} className="back" aria-label="Back to stacks">
          ←
        </a>
        <div>
          <h1 id="stack-title">{stack.name}</h1>
          <div className="project-head-facts">
            <span>
              {stack.services} service{stack.services === 1 ? '' : 's'}
            </span>
            <span aria-label="Tasks">
              {stack.running}/{stack.desired} running
            </span>
            {stack.networks.length > 0 && <span>networks {stack.networks.join(', ')}</span>}
          </div>
        </div>
        <span className="spacer" />
        <StackActions stack={stack} />
      </div>
      <RouteTabs
        label={`${stack.name} details`}
        tabs={tabs}
        active={active.id}
        hrefOf={(t) => href('swarm', 'stacks', stack.name, t)}
        idPrefix="stack"
      >
        {active.id === 'services' ? (
          <ServicesTable services={own} label={`Services of ${stack.name}`} />
        ) : active.id === 'tasks' ? (
          <TasksTable tasks={tasks.data ?? []} label={`Tasks of ${stack.name}`} />
        ) : (
          <ServiceLogs
            key={stack.name}
            name={stack.name}
            label={`Logs of stack ${stack.name}`}
            services={own.map((s) => s.name)}
            tasks={tasks.data ?? []}
          />
        )}
      </RouteTabs>
    </section>
  );
}
