// "Port forward…" on a pod, service or deployment row: the remote port picked from the ports the
// object declares (a pod or a deployment's pods may also take a port they do not declare), the local port (empty for any free one), and the
// plain statement that Berth listens on 127.0.0.1 only. The cluster's refusal shows in the dialog.
// Cancel (or closing the dialog) while the forward is starting cancels the start: nothing listens.
import { useEffect, useId, useRef, useState } from 'react';
import type { KubeForwardKind, KubePortForwardDto } from '../../../../shared/contract/areas/kube-port-forward';
import { useClient, useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { Dialog } from '../../components/Dialog';
import { ErrorText, Field } from '../../components/kit';
import { useStart } from '../../components/use-start';
import { forwardTarget, localAddress } from './use-port-forwards';

const OTHER = 'other';

/** A port typed in a field: its number, or the sentence saying why it is not one. */
function portOf(text: string, what: string, allowEmpty: boolean): { port?: number; invalid?: string } {
  const t = text.trim();
  if (t === '') return allowEmpty ? {} : { invalid: `Enter the ${what}.` };
  const n = Number(t);
  if (!/^\d+$/.test(t) || n < 1 || n > 65_535) return { invalid: `The ${what} is a whole number from 1 to 65535.` };
  return { port: n };
}

export function PortForwardDialog({
  context,
  kind,
  namespace,
  name,
  onClose,
}: {
  context: string;
  kind: KubeForwardKind;
  namespace: string;
  name: string;
  onClose(): void;
}) {
  const id = useId();
  const toast = useUi((s) => s.toast);
  const client = useClient();
  const s = useStart();
  /** The start under way: the dialog going cancels it. */
  const starting = useRef<AbortController>(undefined);
  useEffect(() => () => starting.current?.abort(), []);
  const ports = useRequest('kube.portForward.ports', { context, namespace, kind, name });
  const declared = ports.data ?? [];
  const [picked, setPicked] = useState<string>();
  const [typed, setTyped] = useState('');
  const [local, setLocal] = useState('');
  const choice = picked ?? (declared[0] ? String(declared[0].port) : OTHER);
  const typing = choice === OTHER;
  const remote = typing ? portOf(typed, 'remote port', false) : { port: Number(choice) };
  const localPort = portOf(local, 'local port', true);
  const cannot = kind === 'service' && ports.data && declared.length === 0;
  const ready = !ports.isLoading && !cannot && !remote.invalid && !localPort.invalid;

  const submit = async () => {
    if (!ready || remote.port === undefined) return;
    const ac = new AbortController();
    starting.current = ac;
    const f = await s.run(() =>
      client.request(
        'kube.portForward.start',
        { context, namespace, kind, name, remotePort: remote.port!, localPort: localPort.port ?? 0 },
        {
          signal: ac.signal,
          // Cancelled just as it started: stop the forward the answer names, so nothing stays listening.
          onLateResult: (r) =>
            void client.request('kube.portForward.stop', { id: (r as KubePortForwardDto).id }).catch(() => undefined),
        },
      ),
    );
    if (ac.signal.aborted) return;
    if (f) {
      toast('success', `Forwarding ${localAddress(f)} to ${forwardTarget(f)}.`);
      onClose();
    }
  };

  return (
    <Dialog title={`Port forward ${kind} ${name}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="dialog-body">
          {ports.error && <p role="alert">{ports.error.message}</p>}
          {cannot && <p role="alert">The service {name} declares no TCP port, so there is nothing to forward to.</p>}
          {ports.isLoading ? (
            <p className="muted">Reading the ports of {name}…</p>
          ) : (
            !cannot && (
              <div className="kube-forward-form">
                {declared.length > 0 && (
                  <Field label="Remote port" id={`${id}-remote`}>
                    <select id={`${id}-remote`} value={choice} onChange={(e) => setPicked(e.target.value)}>
                      {declared.map((p) => (
                        <option key={p.port} value={String(p.port)}>
                          {p.label}
                        </option>
                      ))}
                      {kind !== 'service' && <option value={OTHER}>Another port…</option>}
                    </select>
                  </Field>
                )}
                {typing && (
                  <Field
                    label={declared.length > 0 ? 'Port in the pod' : 'Remote port'}
                    id={`${id}-typed`}
                    error={typed ? remote.invalid : undefined}
                    {...(declared.length === 0
                      ? {
                          hint: `${kind === 'pod' ? `The pod ${name} declares` : `The pods of deployment ${name} declare`} no ports: enter the port its application listens on.`,
                        }
                      : {})}
                  >
                    <input
                      id={`${id}-typed`}
                      inputMode="numeric"
                      value={typed}
                      onChange={(e) => setTyped(e.target.value)}
                    />
                  </Field>
                )}
                <Field
                  label="Local port"
                  id={`${id}-local`}
                  error={localPort.invalid ?? (s.error?.field === 'localPort' ? s.error.message : undefined)}
                  hint="Leave empty to use any free port."
                >
                  <input
                    id={`${id}-local`}
                    inputMode="numeric"
                    placeholder="any free port"
                    value={local}
                    onChange={(e) => setLocal(e.target.value)}
                  />
                </Field>
                <p className="muted small">
                  Berth listens on 127.0.0.1 only: the forward is reachable from this computer, not from other machines
                  on your network. It runs until you stop it or quit Berth.
                </p>
              </div>
            )
          )}
        </div>
        <ErrorText message={s.error?.field === 'localPort' ? undefined : s.error?.message} />
        <div className="dialog-actions">
          <button
            type="button"
            onClick={() => {
              starting.current?.abort();
              onClose();
            }}
          >
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!ready || s.busy}>
            {s.busy ? 'Starting…' : 'Start forwarding'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
