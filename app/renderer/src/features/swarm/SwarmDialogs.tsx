// Creating a swarm (init, with the advertise address Berth suggests, editable), joining one with a
// manager's address and a token, and leaving (confirmed; a manager's leave needs force, asked again).
import { useState } from 'react';
import type { RequestArgs } from '../../../../shared/contract';
import { swarmRequests, type SwarmStatus } from '../../../../shared/contract/areas/swarm';
import { useClient, useQueryClient, useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { DialogForm, TextField } from '../../components/forms';
import { ErrorText } from '../../components/kit';
import { useStart } from '../../components/use-start';

/** Issues of `args` by field, as the contract words them. */
function issuesOf(
  schema: {
    safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  args: unknown,
) {
  const r = schema.safeParse(args);
  const out: Record<string, string> = {};
  for (const i of r.success ? [] : (r.error?.issues ?? [])) out[String(i.path[0] ?? 'form')] ??= i.message;
  return out;
}

/** The address field: Berth's suggestion filled in, the engine's other addresses offered. */
function AdvertiseField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
}) {
  const choices = useRequest('swarm.addresses').data;
  return (
    <>
      <TextField
        id="swarm-advertise"
        label="Advertise address"
        list="swarm-advertise-list"
        value={value}
        onChange={onChange}
        error={error}
        placeholder={choices?.addresses.length === 0 ? 'the engine picks (when it has one address)' : ''}
        hint={
          choices?.suggested
            ? `Other nodes reach this engine there. ${choices.suggested} is the address of the interface its default route uses${
                choices.addresses.length > 1
                  ? `; it also has ${choices.addresses
                      .filter((a) => a.addr !== choices.suggested)
                      .map((a) => `${a.addr} (${a.iface || 'no interface'})`)
                      .join(', ')}`
                  : ''
              }.`
            : 'Where other nodes reach this engine: one of its addresses (an IP, or an interface name like eth0).'
        }
      />
      <datalist id="swarm-advertise-list">
        {choices?.addresses.map((a) => (
          <option key={a.addr} value={a.addr}>
            {a.iface}
          </option>
        ))}
      </datalist>
    </>
  );
}

/** Fills in Berth's suggested advertise address once it is known. */
function useSuggested(set: (v: string) => void) {
  const [filled, setFilled] = useState(false);
  const choices = useRequest('swarm.addresses').data;
  if (!filled && choices) {
    setFilled(true);
    if (choices.suggested) set(choices.suggested);
  }
}

/** After the swarm changed: every view reads again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries();
}

/**
 * Init's or join's fields (named as the arguments they fill), checking and sending: the contract's
 * problems at their fields once submitted, the engine's refusal at the field it names; on success
 * every view reads again, `said` is toasted and the dialog closes.
 */
function useSwarmForm<M extends 'swarm.init' | 'swarm.join', K extends string>(
  method: M,
  /** Both forms have the advertise address, filled in with Berth's suggestion. */
  initial: Record<K | 'advertiseAddr', string>,
  argsOf: (values: Record<K | 'advertiseAddr', string>) => RequestArgs<M>,
  said: (status: SwarmStatus) => string,
  onClose: () => void,
) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const refresh = useRefresh();
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const s = useStart();
  const args = argsOf(values);
  const issues = issuesOf(swarmRequests[method].args, args);
  const at = (f: string) => (submitted ? issues[f] : undefined) ?? (s.error?.field === f ? s.error.message : undefined);
  const set = (k: K | 'advertiseAddr', v: string) => setValues((old) => ({ ...old, [k]: v }));
  useSuggested((v) => set('advertiseAddr', v));
  /** A field's value, change and error. */
  const field = (k: K | 'advertiseAddr') => ({ value: values[k], onChange: (v: string) => set(k, v), error: at(k) });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(issues).length) return;
    const status = await s.run(() => client.request(method, args) as Promise<SwarmStatus>);
    if (!status) return;
    refresh();
    toast('success', said(status));
    onClose();
  };
  return { s, field, submit };
}

/** Arguments from fields: each trimmed, the empty ones left out. */
const filled = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).flatMap(([k, v]) => (v.trim() ? [[k, v.trim()]] : [])));

export function InitSwarmDialog({ onClose }: { onClose(): void }) {
  const { s, field, submit } = useSwarmForm(
    'swarm.init',
    { advertiseAddr: '', listenAddr: '', defaultAddrPool: '' },
    ({ defaultAddrPool, ...addrs }) => ({
      ...filled(addrs),
      ...(defaultAddrPool.trim() ? { defaultAddrPool: defaultAddrPool.split(/[\s,]+/).filter(Boolean) } : {}),
    }),
    (status) => `Created a swarm: this engine is its manager at ${status.nodeAddr ?? 'its address'}.`,
    onClose,
  );
  return (
    <Dialog title="Create a swarm" onClose={onClose}>
      <DialogForm submitLabel="Create" busy={s.busy} onSubmit={(e) => void submit(e)} onCancel={onClose}>
        <p className="muted small">
          This engine becomes the swarm&apos;s first manager. Other engines join it with a token.
        </p>
        <AdvertiseField {...field('advertiseAddr')} />
        <details className="form-section">
          <summary>More settings</summary>
          <div className="form-section-body">
            <TextField id="swarm-listen" label="Listen address" placeholder="0.0.0.0:2377" {...field('listenAddr')} />
            <TextField
              id="swarm-pool"
              label="Address pools for overlay networks"
              placeholder="10.0.0.0/8"
              {...field('defaultAddrPool')}
              hint="Subnets overlay networks are cut from (/24 each); change them when 10.0.0.0/8 is in use on your network."
            />
          </div>
        </details>
        <ErrorText message={s.error && !s.error.field ? s.error.message : undefined} />
      </DialogForm>
    </Dialog>
  );
}

export function JoinSwarmDialog({ onClose }: { onClose(): void }) {
  const { s, field, submit } = useSwarmForm(
    'swarm.join',
    { remoteAddr: '', token: '', advertiseAddr: '' },
    ({ remoteAddr, token, ...rest }) => ({ remoteAddr: remoteAddr.trim(), token: token.trim(), ...filled(rest) }),
    (status) => `Joined the swarm as a ${status.role ?? 'node'}.`,
    onClose,
  );
  return (
    <Dialog title="Join a swarm" onClose={onClose}>
      <DialogForm submitLabel="Join" busy={s.busy} onSubmit={(e) => void submit(e)} onCancel={onClose}>
        <p className="muted small">
          On a manager, docker swarm join-token worker (or Berth&apos;s Engine page there) shows the token and address.
        </p>
        <TextField id="swarm-remote" label="Manager address" placeholder="192.168.1.10:2377" {...field('remoteAddr')} />
        <TextField
          id="swarm-token"
          label="Join token"
          className="mono"
          placeholder="SWMTKN-1-…"
          {...field('token')}
          autoComplete="off"
        />
        <AdvertiseField {...field('advertiseAddr')} />
        <ErrorText message={s.error && !s.error.field ? s.error.message : undefined} />
      </DialogForm>
    </Dialog>
  );
}

/** "Create a swarm" and "Join a swarm", each opening its dialog: shown where this engine is in none. */
export function CreateOrJoinButtons() {
  const [open, setOpen] = useState<'init' | 'join'>();
  return (
    <>
      <button type="button" className="primary" onClick={() => setOpen('init')}>
        Create a swarm
      </button>
      <button type="button" onClick={() => setOpen('join')}>
        Join a swarm
      </button>
      {open === 'init' && <InitSwarmDialog onClose={() => setOpen(undefined)} />}
      {open === 'join' && <JoinSwarmDialog onClose={() => setOpen(undefined)} />}
    </>
  );
}

export function LeaveSwarmDialog({ status, onClose }: { status: SwarmStatus; onClose(): void }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const refresh = useRefresh();
  const s = useStart();
  /** The engine refused without force: its sentence, and the second question. */
  const [needsForce, setNeedsForce] = useState<string>();
  const leave = async (force: boolean) => {
    const ok = await s.run(async () => {
      await client.request('swarm.leave', { force });
      return true;
    });
    if (ok) {
      refresh();
      toast('success', 'This engine left the swarm.');
      onClose();
    }
  };
  if (s.error?.field === 'force' && !needsForce) setNeedsForce(s.error.message);
  if (needsForce)
    return (
      <ConfirmDialog
        title="Force leaving the swarm?"
        confirmLabel="Leave anyway (force)"
        busy={s.busy}
        error={s.error?.field === 'force' ? undefined : s.error?.message}
        onConfirm={() => void leave(true)}
        onClose={onClose}
      >
        <p className="warning-text">{needsForce}</p>
        <p>
          {status.managers === 1
            ? 'It is the only manager: the swarm, its services, secrets and configs are lost for every node.'
            : 'The other managers keep the swarm; with fewer managers it tolerates fewer failures.'}
        </p>
      </ConfirmDialog>
    );
  return (
    <ConfirmDialog
      title="Leave the swarm?"
      confirmLabel="Leave"
      busy={s.busy}
      error={s.error && s.error.field !== 'force' ? s.error.message : undefined}
      onConfirm={() => void leave(false)}
      onClose={onClose}
    >
      <p>
        This engine stops taking part in the swarm: its tasks stop here
        {status.role === 'manager' ? ', and as a manager it stops managing the swarm' : ' and move to other nodes'}.
      </p>
    </ConfirmDialog>
  );
}
