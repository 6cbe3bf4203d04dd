// Detected engines with their reachability, and a switch: Berth's own engine, Berth's isolated VM
// (Linux), a detected one, or an address typed in.
import { useState } from 'react';
import { engineAddress, type EngineChoiceArg } from '../../../../shared/contract/areas/system';
import { firstIssue } from '../../../../shared/rules';
import { useClient, useRequest } from '../../api/hooks';
import { useEngineStatus } from '../../app/engine-status';
import { useUi } from '../../app/ui-store';
import { DataTable } from '../../components/DataTable';
import { ErrorText, Field, messageOf } from '../../components/kit';
import { RefreshCard } from '../../components/RefreshCard';

const same = (a: EngineChoiceArg | undefined, b: EngineChoiceArg) =>
  !!a && a.kind === b.kind && (a.kind !== 'external' || (b.kind === 'external' && a.url === b.url));

/** The kinds that are "Berth's own engine": its dockerd here, or in its Lima / WSL 2 VM. */
const ownKinds = new Set<string>(['native', 'rootless', 'lima', 'wsl']);
const VM_LABEL = "Berth's isolated VM";

export function EngineSwitch() {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const q = useRequest('engine.engines', undefined, { staleTime: 10_000 });
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [address, setAddress] = useState('');
  const [touched, setTouched] = useState(false);
  const d = q.data;
  const status = useEngineStatus();
  const ownInUse = !!status && ownKinds.has(status.kind);
  const vmInUse = status?.kind === 'linux-vm';
  const use = async (choice: EngineChoiceArg, label: string) => {
    setBusy(label);
    setError(undefined);
    try {
      const s = await client.request('engine.switch', { choice });
      if (s.state === 'error' && s.error) setError(`${label}: ${s.error.message} ${s.error.fix}`);
      else toast('success', `Berth now uses ${label}.`);
      void q.refetch();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(undefined);
    }
  };
  const addrProblem = touched ? firstIssue(engineAddress.safeParse(address.trim())) : undefined;
  return (
    <RefreshCard title="Engines" wide query={q} again="Look again" busy="Looking…">
      {d?.fixed && (
        <p role="status">
          This Berth was started with a fixed engine (berth serve --engine-socket), so it cannot switch engines. Restart
          Berth without --engine-socket to choose one.
        </p>
      )}
      {d && !d.fixed && (
        <>
          <DataTable label="Detected engines" columns={['Engine', 'Address', 'Reachable']} actions>
            <tr aria-label="Berth's own engine">
              <td>Berth's own engine</td>
              <td className="muted small">a private dockerd Berth starts and stops</td>
              <td>
                {d.managedAvailable ? 'dockerd is installed' : <span className="muted">dockerd is not installed</span>}
              </td>
              <td>
                <UseCell
                  label="Berth's own engine"
                  inUse={ownInUse}
                  disabled={!d.managedAvailable || !!busy}
                  onUse={() => void use({ kind: d.managedKind }, "Berth's own engine")}
                />
              </td>
            </tr>
            {d.linuxVm && (
              <tr aria-label={VM_LABEL}>
                <td>{VM_LABEL}</td>
                <td className="muted small">a QEMU VM with its own kernel; containers cannot touch this machine</td>
                <td className={d.linuxVm.available ? '' : 'muted'}>{d.linuxVm.reason}</td>
                <td>
                  <UseCell
                    label={VM_LABEL}
                    inUse={vmInUse}
                    disabled={!d.linuxVm.available || !!busy}
                    onUse={() => void use({ kind: 'linux-vm' }, VM_LABEL)}
                  />
                </td>
              </tr>
            )}
            {d.candidates.map((c) => {
              const choice: EngineChoiceArg = { kind: 'external', url: c.url, label: c.label };
              return (
                <tr key={`${c.source}-${c.url}`} aria-label={c.label}>
                  <td>{c.label}</td>
                  <td className="mono small">{c.url}</td>
                  <td className={c.reachable ? '' : 'muted'}>
                    {c.reachable ? `yes${c.apiVersion ? ` (API ${c.apiVersion})` : ''}` : `no: ${c.reason}`}
                  </td>
                  <td>
                    <UseCell
                      label={c.label}
                      inUse={same(d.active, choice)}
                      disabled={!c.reachable || !!busy}
                      onUse={() => void use(choice, c.label)}
                    />
                  </td>
                </tr>
              );
            })}
          </DataTable>
          <form
            className="row-fields address-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              setTouched(true);
              if (firstIssue(engineAddress.safeParse(address.trim()))) return;
              void use({ kind: 'external', url: address.trim() }, `the engine at ${address.trim()}`);
            }}
          >
            <Field id="engine-address" label="Another engine's address" error={addrProblem}>
              <input
                id="engine-address"
                value={address}
                spellCheck={false}
                placeholder="unix:///run/user/1000/docker.sock or tcp://host:2376"
                onChange={(e) => setAddress(e.target.value)}
              />
            </Field>
            <button type="submit" disabled={!!busy}>
              Connect
            </button>
          </form>
          {busy && (
            <p role="status" className="muted">
              Switching to {busy}…{status && status.state !== 'running' && status.progress ? ` ${status.progress}` : ''}
              {busy === VM_LABEL &&
                ' The first start creates the VM, and under software emulation (no KVM) starting it can take a minute.'}
            </p>
          )}
          <ErrorText message={error} />
        </>
      )}
    </RefreshCard>
  );
}

/** An engine row's last cell: "in use", or the button that switches to it. */
function UseCell(p: { label: string; inUse: boolean; disabled: boolean; onUse: () => void }) {
  return p.inUse ? (
    <span className="badge">in use</span>
  ) : (
    <button type="button" className="small" aria-label={`Use ${p.label}`} disabled={p.disabled} onClick={p.onUse}>
      Use
    </button>
  );
}
