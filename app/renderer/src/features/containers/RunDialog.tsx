// Run a container: every field validated as the user types; an engine refusal (name in use,
// port already allocated) shown next to the field it concerns.
import { useMemo, useState } from 'react';
import { useClient, useRequest } from '../../api/hooks';
import type { CallError } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/kit';
import { href, navigate } from '../../app/router';
import { useUi } from '../../app/ui-store';
import { RowListField } from './RowListField';
import { emptyForm, fieldGroup, toSpec, validateForm, type RunForm } from './run-form';

export function RunDialog({ onClose, image = '' }: { onClose(): void; image?: string }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const images = useRequest('images.list').data ?? [];
  const networks = useRequest('networks.list').data ?? [];
  const [form, setForm] = useState<RunForm>(() => emptyForm(image));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [serverError, setServerError] = useState<{ group: string; message: string }>();
  const [busy, setBusy] = useState(false);
  const errors = useMemo(() => validateForm(form), [form]);
  const tags = useMemo(() => images.flatMap((i) => i.tags).sort(), [images]);

  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setTouched((t) => new Set(t).add(key));
    if (serverError?.group === key) setServerError(undefined);
  };
  const shown = (key: string) => (touched.has(key.split('.')[0]!) || touched.has('submit') ? errors[key] : undefined);
  const groupErrors = (prefix: string) =>
    Object.entries(errors)
      .filter(([k]) => k.startsWith(`${prefix}.`) && (touched.has(prefix) || touched.has('submit')))
      .map(([, v]) => v);
  const serverFor = (group: string) => (serverError?.group === group ? serverError.message : undefined);
  const messages = (group: string) => [...groupErrors(group), serverFor(group)].filter((m): m is string => !!m);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched((t) => new Set(t).add('submit'));
    if (Object.keys(errors).length) return;
    setBusy(true);
    setServerError(undefined);
    try {
      const res = await client.request('containers.run', toSpec(form));
      toast('success', `Started ${form.name.trim() || 'the container'}.`);
      navigate(href('containers', res.id));
    } catch (err) {
      const ce = err as CallError;
      setServerError({ group: fieldGroup(ce.field), message: ce.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Run a container" onClose={onClose} wide>
      <form className="run-form" onSubmit={submit} noValidate>
        <Field id="run-image" label="Image" error={shown('image') ?? serverFor('image')}>
          <input
            id="run-image"
            list="run-image-list"
            value={form.image}
            onChange={(e) => set('image', e.target.value)}
            placeholder="e.g. nginx:latest"
            autoComplete="off"
          />
          <datalist id="run-image-list">
            {tags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </Field>
        <Field id="run-name" label="Name (optional)" error={shown('name') ?? serverFor('name')}>
          <input
            id="run-name"
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
            placeholder="a random name if empty"
            autoComplete="off"
          />
        </Field>
        <Field id="run-command" label="Command (optional)" error={serverFor('command')}>
          <input
            id="run-command"
            value={form.command}
            onChange={(e) => set('command', e.target.value)}
            placeholder="the image's default if empty"
          />
        </Field>
        <RowListField
          legend="Published ports"
          rows={form.ports}
          onChange={(rows) => set('ports', rows)}
          newRow={() => ({ hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' as const })}
          addLabel="Add a port"
          rowLabel="Port"
          errors={messages('ports')}
          renderRow={(p, update, i) => (
            <>
              <input
                aria-label={`Host IP for port ${i + 1}`}
                placeholder="host IP (all)"
                value={p.hostIp}
                onChange={(e) => update({ hostIp: e.target.value })}
              />
              <input
                aria-label={`Host port ${i + 1}`}
                inputMode="numeric"
                placeholder="host port"
                value={p.hostPort}
                aria-invalid={!!shown(`ports.${i}.hostPort`)}
                onChange={(e) => update({ hostPort: e.target.value })}
              />
              <span aria-hidden="true">→</span>
              <input
                aria-label={`Container port ${i + 1}`}
                inputMode="numeric"
                placeholder="container port"
                value={p.containerPort}
                aria-invalid={!!shown(`ports.${i}.containerPort`)}
                onChange={(e) => update({ containerPort: e.target.value })}
              />
              <select
                aria-label={`Protocol ${i + 1}`}
                value={p.protocol}
                onChange={(e) => update({ protocol: e.target.value as 'tcp' | 'udp' })}
              >
                <option value="tcp">tcp</option>
                <option value="udp">udp</option>
              </select>
            </>
          )}
        />
        <RowListField
          legend="Volumes and bind mounts"
          rows={form.volumes}
          onChange={(rows) => set('volumes', rows)}
          newRow={() => ({ source: '', target: '', readOnly: false })}
          addLabel="Add a mount"
          rowLabel="Mount"
          errors={messages('volumes')}
          renderRow={(v, update, i) => (
            <>
              <input
                aria-label={`Volume or host path ${i + 1}`}
                placeholder="volume name or /host/path"
                value={v.source}
                onChange={(e) => update({ source: e.target.value })}
              />
              <span aria-hidden="true">→</span>
              <input
                aria-label={`Path in container ${i + 1}`}
                placeholder="/path/in/container"
                value={v.target}
                onChange={(e) => update({ target: e.target.value })}
              />
              <label className="inline">
                <input type="checkbox" checked={v.readOnly} onChange={(e) => update({ readOnly: e.target.checked })} />{' '}
                read-only
              </label>
            </>
          )}
        />
        <Field
          id="run-env"
          label="Environment (one KEY=value per line)"
          error={groupErrors('env')[0] ?? serverFor('env')}
        >
          <textarea
            id="run-env"
            rows={3}
            value={form.env}
            onChange={(e) => set('env', e.target.value)}
            spellCheck={false}
          />
        </Field>
        <div className="field-row">
          <Field id="run-network" label="Network" error={serverFor('network')}>
            <select id="run-network" value={form.network} onChange={(e) => set('network', e.target.value)}>
              <option value="">default (bridge)</option>
              {networks
                .filter((n) => n.name !== 'bridge')
                .map((n) => (
                  <option key={n.id} value={n.name}>
                    {n.name}
                  </option>
                ))}
            </select>
          </Field>
          <Field id="run-restart" label="Restart policy">
            <select
              id="run-restart"
              value={form.restart}
              onChange={(e) => set('restart', e.target.value as RunForm['restart'])}
            >
              <option value="no">never</option>
              <option value="on-failure">on failure</option>
              <option value="unless-stopped">unless stopped</option>
              <option value="always">always</option>
            </select>
          </Field>
        </div>
        <label className="inline">
          <input type="checkbox" checked={form.autoRemove} onChange={(e) => set('autoRemove', e.target.checked)} />{' '}
          Remove the container when it exits
        </label>
        <label className="inline">
          <input type="checkbox" checked={form.tty} onChange={(e) => set('tty', e.target.checked)} /> Allocate a
          terminal (TTY)
        </label>
        {serverError?.group === 'form' && (
          <p className="error-text" role="alert">
            {serverError.message}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Starting…' : 'Run'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
