// A table of swarm services (all of them, or a stack's): mode, tasks, image, ports, update state,
// stack, and each row's actions.
import type { SwarmService } from '../../../../shared/contract/areas/swarm';
import { fieldColumn, linkColumn, longTextColumn } from '../../components/columns';
import { ObjectTable } from '../../components/ObjectTable';
import { ServiceActions } from './ServiceActions';
import { modeText, portText, short, tasksText } from './service-format';

export function ServicesTable({ services, label = 'Services' }: { services: SwarmService[]; label?: string }) {
  return (
    <ObjectTable<SwarmService>
      label={label}
      rows={services}
      rowKey={(s) => s.id}
      rowName={(s) => s.name}
      columns={[
        linkColumn('Name', (s) => s.name, 'swarm', 'services'),
        { label: 'Mode', value: (s) => s.mode, render: modeText },
        {
          label: 'Tasks',
          value: (s) => s.running,
          render: (s) => <span className={short(s) ? 'warning-text' : undefined}>{tasksText(s)}</span>,
        },
        longTextColumn('Image', (s) => s.image, { mono: true }),
        {
          label: 'Ports',
          priority: 2,
          render: (s) => <span className="mono small">{s.ports.map(portText).join(', ')}</span>,
        },
        {
          label: 'Update',
          value: (s) => s.updateStatus?.state ?? '',
          priority: 3,
          render: (s) =>
            s.updateStatus ? <span className="badge">{s.updateStatus.state.replace('_', ' ')}</span> : '',
        },
        fieldColumn('Stack', (s) => s.stack ?? '', { priority: 3 }),
      ]}
      actions={(s) => <ServiceActions service={s} />}
    />
  );
}
