// One stack at #/swarm/stacks/<name>/<tab>: its services, its tasks and their logs merged.
import { href } from '../../app/router';
import { DetailPage, NotFound } from '../../components/DetailPage';
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
  const back = { href: href('swarm', 'stacks'), label: 'Back to stacks' };
  if (stacks.isPending) return <p className="muted empty">Loading…</p>;
  if (!stack)
    return (
      <NotFound title="Stack not found" back={back}>
        Nothing carries the label of stack “{name}” (any more). It may have been removed.
      </NotFound>
    );
  const own = (services.data ?? []).filter((s) => s.stack === name);
  const active = tabs.find((t) => t.id === tab) ?? tabs[0];
  return (
    <DetailPage
      titleId="stack-title"
      title={stack.name}
      back={back}
      actions={<StackActions stack={stack} />}
      facts={
        <div className="project-head-facts">
          <span>
            {stack.services} service{stack.services === 1 ? '' : 's'}
          </span>
          <span aria-label="Tasks">
            {stack.running}/{stack.desired} running
          </span>
          {stack.networks.length > 0 && <span>networks {stack.networks.join(', ')}</span>}
        </div>
      }
    >
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
    </DetailPage>
  );
}
