// Network dialogs: Create (driver, subnet, gateway, internal), Remove (built-ins refused with a
// sentence), connect and disconnect containers.
import { useState } from 'react';
import type { NetworkSummary } from '../../../../shared/contract';
import { networkCreateSpec, networkDrivers } from '../../../../shared/contract/areas/networks';
import { useClient, useRequest } from '../../api/hooks';
import { CreateObjectDialog } from '../../components/CreateObjectDialog';
import { Dialog } from '../../components/Dialog';
import { CloseActions } from '../../components/DialogActions';
import { TextField } from '../../components/forms';
import { ErrorText, Field } from '../../components/kit';
import { RemoveObjectDialog } from '../../components/RemoveObjectDialog';
import { useStart } from '../../components/use-start';

export function CreateNetworkDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const [f, setF] = useState({
    name: '',
    driver: 'bridge',
    subnet: '',
    gateway: '',
    internal: false,
    attachable: true,
  });
  const overlay = f.driver === 'overlay';
  const manager = useRequest('swarm.status').data?.role === 'manager';
  const spec = {
    name: f.name.trim(),
    driver: f.driver as (typeof networkDrivers)[number],
    internal: f.internal,
    ...(overlay ? { attachable: f.attachable } : {}),
    ...(f.subnet.trim() ? { subnet: f.subnet.trim() } : {}),
    ...(f.gateway.trim() ? { gateway: f.gateway.trim() } : {}),
  };
  // A text field's value, change and error.
  const text = (k: 'name' | 'subnet' | 'gateway', errorOf: (k: string) => string | undefined) => ({
    value: f[k],
    onChange: (v: string) => setF({ ...f, [k]: v }),
    error: errorOf(k),
  });
  return (
    <CreateObjectDialog
      noun="network"
      checked={networkCreateSpec.safeParse(spec)}
      create={(checked) => client.request('networks.create', checked)}
      onClose={onClose}
    >
      {(errorOf) => (
        <>
          <TextField id="network-name" label="Name" {...text('name', errorOf)} />
          <Field id="network-driver" label="Driver">
            <select id="network-driver" value={f.driver} onChange={(e) => setF({ ...f, driver: e.target.value })}>
              {networkDrivers.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </Field>
          <div className="field-row">
            <TextField
              id="network-subnet"
              label="Subnet (optional)"
              placeholder="172.30.0.0/16"
              {...text('subnet', errorOf)}
            />
            <TextField
              id="network-gateway"
              label="Gateway (optional)"
              placeholder="172.30.0.1"
              {...text('gateway', errorOf)}
            />
          </div>
          {overlay && !manager && (
            <p className="warning-text small" role="note">
              An overlay network spans a swarm&apos;s nodes: this engine must be a swarm manager (Engine page → Create a
              swarm).
            </p>
          )}
          <label className="checkbox-line">
            <input type="checkbox" checked={f.internal} onChange={(e) => setF({ ...f, internal: e.target.checked })} />{' '}
            Internal (no access to outside networks)
          </label>
          {overlay && (
            <label className="checkbox-line">
              <input
                type="checkbox"
                checked={f.attachable}
                onChange={(e) => setF({ ...f, attachable: e.target.checked })}
              />{' '}
              Attachable (plain containers may join it too, not only services)
            </label>
          )}
        </>
      )}
    </CreateObjectDialog>
  );
}

export function RemoveNetworkDialog({ network, onClose }: { network: NetworkSummary; onClose(): void }) {
  const client = useClient();
  if (network.builtIn)
    return (
      <Dialog title={`Remove network ${network.name}?`} onClose={onClose}>
        <p role="alert">The “{network.name}” network is built into the engine and cannot be removed.</p>
        <CloseActions onClose={onClose} />
      </Dialog>
    );
  return (
    <RemoveObjectDialog
      noun="network"
      name={network.name}
      remove={() => client.request('networks.remove', { name: network.name })}
      onClose={onClose}
    >
      <p>Containers can no longer join it. Containers attached now must be disconnected first.</p>
      {network.containers.length > 0 && <p className="warning-text">Attached now: {network.containers.join(', ')}.</p>}
    </RemoveObjectDialog>
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
    <Dialog title={`Containers on ${network.name}`} onClose={onClose} dirty={false}>
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
        <ErrorText message={s.error?.message} />
      </div>
    </Dialog>
  );
}
