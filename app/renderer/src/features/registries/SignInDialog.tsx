// Sign in to a registry: address, user, password or token, and where to remember it. The fields are
// checked as the user types with the contract's own rules; the registry itself checks the password
// (through the engine) before anything is stored.
import { useId, useMemo, useState, type ChangeEvent } from 'react';
import {
  parseRegistryServer,
  registryLabel,
  registrySecret,
  registryUsername,
  type RegistriesResult,
  type RememberChoice,
} from '../../../../shared/contract/areas/registries';
import { firstIssue } from '../../../../shared/rules';
import type { CallError } from '../../api/client';
import { useClient, useQueryClient } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/kit';
import { useUi } from '../../app/ui-store';
import { placeDetail } from './places';

type FieldName = 'server' | 'username' | 'secret';

export function SignInDialog({
  info,
  server: initial = '',
  onClose,
}: {
  info: RegistriesResult;
  server?: string;
  onClose(): void;
}) {
  const client = useClient();
  const queries = useQueryClient();
  const toast = useUi((s) => s.toast);
  const id = useId();
  const [server, setServer] = useState(initial);
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [touched, setTouched] = useState<ReadonlySet<FieldName | 'submit'>>(new Set());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ field?: FieldName; message: string }>();

  const parsed = useMemo(() => parseRegistryServer(server), [server]);
  const key = parsed.ok ? parsed.key : undefined;
  const ownHelper = key ? info.helpers[key] : undefined;
  const options = info.stores.map((o) =>
    o.choice === 'docker' && ownHelper
      ? { ...o, available: true, label: ownHelper, note: 'Shared with the docker CLI; the helper keeps the password.' }
      : o,
  );
  const [remember, setRemember] = useState<RememberChoice>(() => (ownHelper ? 'docker' : info.defaultChoice));
  const chosen = options.find((o) => o.choice === remember && o.available)
    ? remember
    : (options.find((o) => o.available)?.choice ?? 'session');

  const errors: Partial<Record<FieldName, string>> = {
    ...(parsed.ok ? {} : { server: parsed.message }),
    ...(firstIssue(registryUsername.safeParse(username))
      ? { username: firstIssue(registryUsername.safeParse(username))! }
      : {}),
    ...(firstIssue(registrySecret.safeParse(secret)) ? { secret: firstIssue(registrySecret.safeParse(secret))! } : {}),
  };
  const shown = (f: FieldName) =>
    (touched.has(f) || touched.has('submit') ? errors[f] : undefined) ??
    (failure?.field === f ? failure.message : undefined);
  const touch = (f: FieldName) => setTouched((t) => new Set(t).add(f));
  /** A field's input: its value, marked invalid while its problem shows, checked once left. */
  const wire = (f: FieldName, value: string, set: (v: string) => void) => ({
    value,
    'aria-invalid': !!shown(f),
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(e.target.value),
    onBlur: () => touch(f),
  });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched((t) => new Set(t).add('submit'));
    setFailure(undefined);
    if (Object.keys(errors).length) return;
    setBusy(true);
    try {
      const r = await client.request('registries.signIn', { server, username, secret, remember: chosen });
      setSecret('');
      toast('success', `Signed in to ${registryLabel(r.key)}; kept in ${placeDetail(r.place)}.`);
      await queries.invalidateQueries({ queryKey: ['registries.list'] });
      onClose();
    } catch (err) {
      const ce = err as CallError;
      const field = ce.field === 'server' || ce.field === 'username' || ce.field === 'secret' ? ce.field : undefined;
      setFailure({ ...(field ? { field } : {}), message: ce.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Sign in to a registry" onClose={onClose} wide>
      <form className="registry-form" onSubmit={submit} noValidate aria-busy={busy}>
        <Field
          id={`${id}-server`}
          label="Registry"
          error={shown('server')}
          hint="Its host and port, e.g. registry.example.com, 127.0.0.1:5000, or docker.io for Docker Hub."
          hintClass="registry-hint"
        >
          <input
            id={`${id}-server`}
            {...wire('server', server, setServer)}
            spellCheck={false}
            autoComplete="off"
            placeholder="registry.example.com"
          />
        </Field>
        <Field id={`${id}-user`} label="User name" error={shown('username')}>
          <input
            id={`${id}-user`}
            {...wire('username', username, setUsername)}
            spellCheck={false}
            autoComplete="username"
          />
        </Field>
        <Field id={`${id}-secret`} label="Password or access token" error={shown('secret')}>
          <input
            id={`${id}-secret`}
            type="password"
            {...wire('secret', secret, setSecret)}
            autoComplete="current-password"
          />
        </Field>
        <fieldset className="registry-remember">
          <legend>Remember the sign-in in</legend>
          {options.map((o) => (
            <div key={o.choice} className={`registry-choice${o.available ? '' : ' unavailable'}`}>
              <input
                type="radio"
                id={`${id}-remember-${o.choice}`}
                name={`${id}-remember`}
                value={o.choice}
                checked={chosen === o.choice}
                disabled={!o.available}
                aria-describedby={`${id}-remember-${o.choice}-note`}
                onChange={() => setRemember(o.choice)}
              />
              <div>
                <label className="registry-choice-label" htmlFor={`${id}-remember-${o.choice}`}>
                  {o.label}
                </label>
                <p className="muted small registry-choice-note" id={`${id}-remember-${o.choice}-note`}>
                  {o.note}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        {failure && !failure.field && (
          <p className="error-text" role="alert">
            {failure.message}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
