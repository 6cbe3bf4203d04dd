// How other engines join this swarm: the worker's and the manager's join commands, their tokens hidden
// until asked; Copy (without showing), and Rotate (the old token stops working for new joins).
import { useState } from 'react';
import type { JoinTokens } from '../../../../shared/contract/areas/swarm';
import { useClient } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog } from '../../components/Dialog';
import { useStart } from '../../components/use-start';

export const joinCommand = (t: JoinTokens, role: 'worker' | 'manager') =>
  `docker swarm join --token ${role === 'worker' ? t.worker : t.manager} ${t.managerAddr}`;

/** A row's small button; `name` says what it does, where its text alone would not. */
function SmallButton(p: { name?: string; disabled?: boolean; onClick(): void; children: string }) {
  return (
    <button type="button" className="small" disabled={p.disabled} onClick={p.onClick} aria-label={p.name}>
      {p.children}
    </button>
  );
}

function Row({ role }: { role: 'worker' | 'manager' }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [tokens, setTokens] = useState<JoinTokens>();
  const [shown, setShown] = useState(false);
  const [rotating, setRotating] = useState(false);
  const s = useStart();
  const read = async () => tokens ?? (await client.request('swarm.joinTokens', {}));
  const show = async () => {
    const t = await s.run(read);
    if (t) {
      setTokens(t);
      setShown(true);
    }
  };
  const copy = async () => {
    const t = await s.run(read);
    if (!t) return;
    setTokens(t);
    try {
      await navigator.clipboard.writeText(joinCommand(t, role));
      toast('success', `Copied the ${role} join command.`);
    } catch {
      toast('error', 'Could not copy: this browser did not allow it. Show the command and copy it by hand.');
    }
  };
  const rotate = async () => {
    const t = await s.run(() => client.request('swarm.rotateToken', { role }));
    if (!t) return;
    setTokens(t);
    setRotating(false);
    toast('success', `The ${role} join token changed: the old one no longer joins.`);
  };
  const label = role === 'worker' ? 'Worker' : 'Manager';
  return (
    <div className="join-row" role="group" aria-label={`${label} join command`}>
      <span className="join-role">{label}</span>
      <span className="row-buttons">
        {shown ? (
          <SmallButton onClick={() => setShown(false)}>Hide</SmallButton>
        ) : (
          <SmallButton name={`Show the ${role} join command`} disabled={s.busy} onClick={() => void show()}>
            Show
          </SmallButton>
        )}
        <SmallButton name={`Copy the ${role} join command`} disabled={s.busy} onClick={() => void copy()}>
          Copy
        </SmallButton>
        <SmallButton name={`Rotate the ${role} join token`} onClick={() => setRotating(true)}>
          Rotate
        </SmallButton>
      </span>
      <code className="join-command mono small" aria-label={`${label} join command text`}>
        {shown && tokens
          ? joinCommand(tokens, role)
          : `docker swarm join --token ••••••••••••  ${tokens?.managerAddr ?? ''}`}
      </code>
      {s.error && !rotating && (
        <p className="error-text small" role="alert">
          {s.error.message}
        </p>
      )}
      {rotating && (
        <ConfirmDialog
          title={`Rotate the ${role} join token?`}
          confirmLabel="Rotate"
          busy={s.busy}
          error={s.error?.message}
          onConfirm={() => void rotate()}
          onClose={() => setRotating(false)}
        >
          <p>
            A new token replaces it: commands with the old one stop working. Nodes that already joined stay in the
            swarm.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

export function JoinCommands() {
  return (
    <div className="join-commands">
      <h3 className="section-title">Join this swarm</h3>
      <Row role="worker" />
      <Row role="manager" />
    </div>
  );
}
