// A service's dialogs: scale (replicated services), roll back to the settings before the last update,
// and remove (confirmed).
import { useState } from 'react';
import type { SwarmService } from '../../../../shared/contract/areas/swarm';
import { swarmRequests } from '../../../../shared/contract/areas/swarm';
import { firstIssue } from '../../../../shared/rules';
import { useClient } from '../../api/hooks';
import { href, navigate } from '../../app/router';
import { useUi } from '../../app/ui-store';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';
import { Dialog } from '../../components/Dialog';
import { DialogForm, TextField } from '../../components/forms';
import { RemoveObjectDialog } from '../../components/RemoveObjectDialog';
import { useStart } from '../../components/use-start';

export function ScaleDialog({ service, onClose }: { service: SwarmService; onClose(): void }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [value, setValue] = useState(String(service.desired));
  const [touched, setTouched] = useState(false);
  const s = useStart();
  const args = { id: service.id, replicas: value.trim() === '' ? NaN : Number(value) };
  const problem = firstIssue(swarmRequests['services.scale'].args.safeParse(args));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    const ok = await s.run(async () => {
      await client.request('services.scale', args);
      return true;
    });
    if (ok) {
      toast('success', `Scaling ${service.name} to ${args.replicas}.`);
      onClose();
    }
  };
  return (
    <Dialog title={`Scale ${service.name}`} onClose={onClose}>
      <DialogForm submitLabel="Scale" busy={s.busy} onSubmit={(e) => void submit(e)} onCancel={onClose}>
        <TextField
          id="scale-replicas"
          label="Replicas"
          inputMode="numeric"
          value={value}
          onChange={setValue}
          error={(touched ? problem : undefined) ?? s.error?.message}
          hint={`Runs ${service.running} of ${service.desired} now.`}
        />
      </DialogForm>
    </Dialog>
  );
}

export function RollbackDialog({ service, onClose }: { service: SwarmService; onClose(): void }) {
  const client = useClient();
  return (
    <ConfirmActionDialog
      title={`Roll back ${service.name}?`}
      confirmLabel="Roll back"
      danger={false}
      act={() => client.request('services.rollback', { id: service.id })}
      said={`Rolling back ${service.name}.`}
      tone="info"
      onClose={onClose}
    >
      <p>Its tasks go back to the settings before the last update, one by one as its rollback settings say.</p>
    </ConfirmActionDialog>
  );
}

export function RemoveServiceDialog({ service, onClose }: { service: SwarmService; onClose(): void }) {
  const client = useClient();
  return (
    <RemoveObjectDialog
      noun="service"
      name={service.name}
      remove={async () => {
        await client.request('services.remove', { id: service.id });
        if (location.hash.startsWith(href('swarm', 'services', service.name))) navigate(href('swarm', 'services'));
      }}
      onClose={onClose}
    >
      <p>
        Its {service.running} running task{service.running === 1 ? '' : 's'} stop and its containers are removed on
        every node. Volumes stay.
      </p>
      {service.stack && (
        <p className="warning-text">It belongs to stack {service.stack}: deploying the stack again brings it back.</p>
      )}
    </RemoveObjectDialog>
  );
}
