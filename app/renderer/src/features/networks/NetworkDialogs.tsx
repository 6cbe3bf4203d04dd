// Network dialogs: Create (driver, subnet, gateway, internal), Remove (built-ins refused with a
// sentence), connect and disconnect containers.
import { useState } from 'react';
import type { NetworkSummary } from '../../../../shared/contract';
import { networkCreateSpec, networkDrivers } from '../../../../shared/contract/areas/networks';
import { useClient, useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { Field } from '../../components/kit';
import { useStart } from '../images/use-start';

export function CreateNetworkDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [f, setF] = useState({ name: '', driver: 'bridge', subnet: '', gateway: '', internal: false });
  const [touched, setTouched] = useState(false);
  const s = useStart();
  const spec = {
    name: f.name.trim(),
    driver: f.driver as (typeof networkDrivers)[number],
    internal: f.internal,
    ...(f.subnet.trim() ? { subnet: f.subnet.trim() } : {}),
    ...(f.gateway.trim() ? { gateway: f.gateway.trim() } : {}),
  };
  const parsed = networkCreateSpec.safeParse(spec);
  const issue = (k: string) =>
    (touched && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === k)?.message : undefined) ??
    (s.error && (s.error.field === k || (!s.error.field && k === 'name')) ? s.error.message : undefined);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!parsed.success) return;
    const r = await s.run(() => client.request('networks.create', spec));
    if (r) {
      toast('success', `Created network ${r.name}.`);
      onClose();
    }
  };
  return (
    <Dialog title="Create a network" onClose={onClose}>
      <form className="form-stack" onSubmit={submit} noValidate>
        <Field id="network-name" label="Name" error={issue('name')}>
          <input
            id="network-name"
            value={f.name}
            spellCheck={false}
            onChange={(e) => setF({ ...f, name: e.target.value })}
          />
        </Field>
        <Field id="network-driver" label="Driver">
          <select id="network-driver" value={f.driver} onChange={(e) => setF({ ...f, driver: e.target.value })}>
            {networkDrivers.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </Field>
        <div className="field-row">
          <Field id="network-subnet" label="Subnet (optional)" error={issue('subnet')}>
            <input
              id="network-subnet"
              value={f.subnet}
              placeholder="172.30.0.0/16"
              spellCheck={false}
              onChange={(e) => setF({ ...f, subnet: e.target.value })}
            />
          </Field>
          <Field id="network-gateway" label="Gateway (optional)" error={issue('gateway')}>
            <input
              id="network-gateway"
              value={f.gateway}
              placeholder="172.30.0.1"
              spellCheck={false}
              onChange={(e) => setF({ ...f, gateway: e.target.value })}
            />
          </Field>
        </div>
        <label className="checkbox-line">
          <input type="checkbox" checked={f.internal} onChange={(e) => setF({ ...f, internal: e.target.checked })} />{' '}
          Internal (no access to outside networks)
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={s.busy}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function RemoveNetworkDialog({ network, onClose }: { network: NetworkSummary; onClose(): void }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const s = useStart();
  if (network.builtIn)
    return (
      <Dialog title={`Remove network ${network.name}?`} onClose={onClose}>
        <p role="alert">The “{network.name}” network is built into the engine and cannot be removed.</p>
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        </div>
      </Dialog>
    );
  const remove = async () => {
    const ok = await s.run(async () => {
      await client.request('networks.remove', { name: network.name });
      return true;
    });
    if (ok) {
      toast('success', `Removed network ${network.name}.`);
      onClose();
    }
  };
  return (
    <ConfirmDialog
      title={`Remove network ${network.name}?`}
      confirmLabel="Remove"
      busy={s.busy}
      error={s.error?.message}
      onConfirm={() => void remove()}
      onClose={onClose}
    >
      <p>Containers can no longer join it. Containers attached now must be disconnected first.</p>
      {network.containers.length > 0 && <p className="warning-text">Attached now: {network.containers.join(', ')}.</p>}
    </ConfirmDialog>
  );
}

export function NetworkContainersDialog({ network, onClose }: { network: NetworkSummary; onClose(): void }) {
  const client = useClient();
  const containers = useRequest('containers.list', { all: true });
  const nets = useRequest('networks.list');
  const live = nets.data?.find((n) => n.id === network.id) ?? network;
  const [pick, setPick] = useState('');
  const s = useStart();
  const candidates = (containers.data ?? []).filter((c) => !live.containers.includes(c.name));
  const act = async (verb: 'networks.connect' | 'networks.disconnect', container: string) => {
    await s.run(async () => {
      await client.request(verb, { name: network.name, container });
      await nets.refetch();
      return true;
    });
    if (verb === 'networks.connect') setPick('');
  };
  return (
    <Dialog title={`Containers on ${network.name}`} onClose={onClose}>
      <div className="form-stack">
        {live.containers.length === 0 ? (
          <p className="muted">No container is attached.</p>
        ) : (
          <ul className="compact-list" aria-label="Attached containers">
            {live.containers.map((c) => (
              <li key={c} aria-label={c} className="attached-row">
                <span className="mono small">{c}</span>
                <button
                  type="button"
                  className="small"
                  aria-label={`Disconnect ${c}`}
                  disabled={s.busy}
                  onClick={() => void act('networks.disconnect', c)}
                >
                  Disconnect
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          className="row-fields"
          onSubmit={(e) => {
            e.preventDefault();
            if (pick) void act('networks.connect', pick);
          }}
        >
          <label htmlFor="connect-container" className="visually-hidden">
            Container to connect
          </label>
          <select id="connect-container" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">Choose a container…</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.name}>
                {c.name} ({c.state})
              </option>
            ))}
          </select>
          <button type="submit" className="primary" disabled={!pick || s.busy}>
            Connect
          </button>
        </form>
        {s.error && (
          <p className="error-text" role="alert">
            {s.error.message}
          </p>
        )}
      </div>
    </Dialog>
  );
}
