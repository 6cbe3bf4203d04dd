// What a service's row (or its page) can do: scale, change (the form with its current settings),
// roll back, remove; and the dialogs those open.
import { useState } from 'react';
import type { SwarmService } from '../../../../shared/contract/areas/swarm';
import { useRequest } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { RowButtons } from '../../components/RowButtons';
import { RemoveServiceDialog, RollbackDialog, ScaleDialog } from './ServiceDialogs';
import { ServiceFormDialog } from './ServiceFormDialog';

type Open = 'scale' | 'edit' | 'rollback' | 'remove';

function EditService({ service, onClose }: { service: SwarmService; onClose(): void }) {
  const d = useRequest('services.inspect', { id: service.id });
  if (!d.data)
    return (
      <Dialog title={`Change service ${service.name}`} onClose={onClose}>
        {d.error ? <p className="error-text">{d.error.message}</p> : <p className="muted">Loading its settings…</p>}
      </Dialog>
    );
  return <ServiceFormDialog editing={{ id: service.id, spec: d.data.spec }} onClose={onClose} />;
}

export function ServiceActions({ service }: { service: SwarmService }) {
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  const job = service.mode.endsWith('-job');
  return (
    <>
      <RowButtons
        owner={service.name}
        buttons={[
          {
            label: 'Scale',
            onClick: () => setOpen('scale'),
            disabled: service.mode !== 'replicated',
            reason: `${service.name} is ${service.mode === 'global' ? 'global: one task on each node' : `a ${service.mode.replace('-', ' ')}`}; only a replicated service scales.`,
          },
          { label: 'Change', onClick: () => setOpen('edit') },
          {
            label: 'Roll back',
            onClick: () => setOpen('rollback'),
            disabled: job || !service.canRollback,
            reason: job ? 'A job has no rollback.' : 'It has not been updated yet: there is nothing to go back to.',
            secondary: true,
          },
          { label: 'Remove', onClick: () => setOpen('remove'), danger: true, secondary: true },
        ]}
      />
      {open === 'scale' && <ScaleDialog service={service} onClose={close} />}
      {open === 'edit' && <EditService service={service} onClose={close} />}
      {open === 'rollback' && <RollbackDialog service={service} onClose={close} />}
      {open === 'remove' && <RemoveServiceDialog service={service} onClose={close} />}
    </>
  );
}
