// The Edit tab: a container's ports, env, mounts, restart policy, labels, command, network and
// resources as a form, with what would change shown beside it as the user types. Apply changes in
// place when the engine can; otherwise it asks first (the writable layer is lost), then recreates.
import { useMemo, useState } from 'react';
import type { ContainerEditSpec, ContainerSummary } from '../../../../../../shared/contract';
import { editChanges, needsRecreate } from '../../../../../../shared/container-edit';
import type { CallError } from '../../../../api/client';
import { useClient, useRequest } from '../../../../api/hooks';
import { href, navigate } from '../../../../app/router';
import { useUi } from '../../../../app/ui-store';
import { Dialog } from '../../../../components/Dialog';
import { ErrorText, Field } from '../../../../components/kit';
import { RunMounts } from '../../RunMounts';
import { RunPorts } from '../../RunPorts';
import { fieldGroup, withoutRow } from '../../run-form';
import { useFormProblems, type Refusal } from '../../use-form-problems';
import { Empty } from '../common/States';
import { EditChanges } from './EditChanges';
import { formOf, toEditSpec, validateEditForm, type EditForm } from './edit-form';
import '../common/common.css';
import './edit.css';

export function EditTab({ container }: { container: ContainerSummary }) {
  const current = useRequest('containers.editSpec', { id: container.id });
  if (current.isPending) return <Empty>Reading the container&apos;s settings…</Empty>;
  if (current.error) return <ErrorText message={current.error.message} />;
  return <EditPanel key={JSON.stringify(current.data)} container={container} spec={current.data} />;
}

const FIELDS = new Set(['command', 'env', 'ports', 'volumes', 'network', 'restart', 'labels', 'memory', 'cpus']);

function EditPanel({ container, spec }: { container: ContainerSummary; spec: ContainerEditSpec }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const networks = useRequest('networks.list').data ?? [];
  const [form, setForm] = useState<EditForm>(() => formOf(spec));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const errors = useMemo(() => validateEditForm(form), [form]);
  const valid = Object.keys(errors).length === 0;
  const changes = useMemo(() => (valid ? editChanges(spec, toEditSpec(form)) : []), [spec, form, valid]);

  const groupOf = (field: string | undefined) => {
    const head = fieldGroup(field) === 'form' ? field?.split('.')[0] : fieldGroup(field);
    return head && FIELDS.has(head) ? head : 'form';
  };
  const set = <K extends keyof EditForm>(key: K, value: EditForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (refusal && groupOf(refusal.field) === key) setRefusal(undefined);
  };
  const { setTouched, setSubmitted, left, refusalAt, messages, invalid } = useFormProblems(errors, refusal, groupOf);
  const one = (key: string) => messages(key)[0];

  async function apply() {
    setConfirming(false);
    setBusy(true);
    setRefusal(undefined);
    try {
      const r = await client.request('containers.edit', { id: container.id, spec: toEditSpec(form) });
      toast(
        'success',
        r.recreated
          ? `Recreated ${container.name} with the new settings.`
          : `Changed the settings of ${container.name}.`,
      );
      if (r.id !== container.id) navigate(href('containers', r.id, 'edit'));
    } catch (err) {
      const e = err as CallError;
      setRefusal({ field: e.field, message: e.message });
    } finally {
      setBusy(false);
    }
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!valid) {
      const el = e.currentTarget;
      setTimeout(() => el.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    if (needsRecreate(changes)) setConfirming(true);
    else void apply();
  };

  const networkNames = [...new Set(['bridge', 'host', 'none', spec.network, ...networks.map((n) => n.name)])];
  return (
    <div className="bd-tab edit-tab">
      <form className="run-form edit-form" onSubmit={submit} noValidate aria-label={`Settings of ${container.name}`}>
        <fieldset className="plain" disabled={busy}>
          <Field id="edit-command" label="Command" error={one('command')} hint="Empty: the image's default command.">
            <input
              id="edit-command"
              value={form.command}
              onChange={(e) => set('command', e.target.value)}
              aria-invalid={invalid('command')}
              spellCheck={false}
            />
          </Field>
          <RunPorts
            form={{ ...formOfRun(form), image: container.image }}
            images={undefined}
            onChange={(rows) => set('ports', rows)}
            onRemoved={(i) => setTouched((t) => withoutRow(t, 'ports', i))}
            left={left}
            invalid={invalid}
            errors={messages('ports')}
          />
          <RunMounts
            rows={form.volumes}
            onChange={(rows) => set('volumes', rows)}
            onRemoved={(i) => setTouched((t) => withoutRow(t, 'volumes', i))}
            left={left}
            invalid={invalid}
            errors={messages('volumes')}
          />
          <LinesField
            id="edit-env"
            label="Environment (one KEY=value per line)"
            rows={4}
            value={form.env}
            onChange={(v) => set('env', v)}
            onBlur={left('env', ...Object.keys(errors).filter((k) => k.startsWith('env.')))}
            errors={messages('env')}
          />
          <LinesField
            id="edit-labels"
            label="Labels (one key=value per line)"
            rows={3}
            value={form.labels}
            onChange={(v) => set('labels', v)}
            onBlur={left('labels', ...Object.keys(errors).filter((k) => k.startsWith('labels.')))}
            errors={messages('labels')}
          />
          <div className="field-row">
            <Field id="edit-network" label="Network" error={one('network')}>
              <select id="edit-network" value={form.network} onChange={(e) => set('network', e.target.value)}>
                {networkNames.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="edit-restart" label="Restart policy" error={one('restart')}>
              <select
                id="edit-restart"
                value={form.restart}
                onChange={(e) => set('restart', e.target.value as EditForm['restart'])}
              >
                <option value="no">never</option>
                <option value="on-failure">on failure</option>
                <option value="unless-stopped">unless stopped</option>
                <option value="always">always</option>
              </select>
            </Field>
          </div>
          <div className="field-row">
            <Field id="edit-memory" label="Memory limit (MiB)" error={one('memory')}>
              <input
                id="edit-memory"
                inputMode="decimal"
                placeholder="no limit"
                value={form.memory}
                onChange={(e) => set('memory', e.target.value)}
                onBlur={left('memory')}
                aria-invalid={invalid('memory')}
              />
            </Field>
            <Field id="edit-cpus" label="CPU limit (CPUs)" error={one('cpus')}>
              <input
                id="edit-cpus"
                inputMode="decimal"
                placeholder="no limit"
                value={form.cpus}
                onChange={(e) => set('cpus', e.target.value)}
                onBlur={left('cpus')}
                aria-invalid={invalid('cpus')}
              />
            </Field>
          </div>
        </fieldset>
        <ErrorText message={refusalAt('form')} />
        <div className="dialog-actions">
          <button type="button" disabled={busy || !changes.length} onClick={() => setForm(formOf(spec))}>
            Undo changes
          </button>
          <button type="submit" className="primary" disabled={busy || (valid && !changes.length)}>
            {busy ? 'Applying…' : needsRecreate(changes) ? 'Recreate with these settings…' : 'Apply changes'}
          </button>
        </div>
      </form>
      <section className="edit-summary" aria-label="What will change">
        <h3>What will change</h3>
        <EditChanges changes={changes} spec={toEditSpec(form)} />
      </section>
      {confirming && (
        <Dialog title={`Recreate ${container.name}?`} onClose={() => setConfirming(false)} dirty={false}>
          <EditChanges changes={changes} spec={toEditSpec(form)} />
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button type="button" className="danger" onClick={() => void apply()}>
              Recreate {container.name}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

/** A textarea of one item per line, with the problems of its lines below it. */
function LinesField(p: {
  id: string;
  label: string;
  rows: number;
  value: string;
  onChange(value: string): void;
  onBlur(e: React.FocusEvent): void;
  errors: string[];
}) {
  return (
    <div className={`field${p.errors.length ? ' invalid' : ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      <textarea
        id={p.id}
        rows={p.rows}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        onBlur={p.onBlur}
        aria-invalid={p.errors.length > 0}
        spellCheck={false}
      />
      {p.errors.map((m) => (
        <p key={m} className="field-error" role="alert">
          {m}
        </p>
      ))}
    </div>
  );
}

/** The run form's shape the ports list reads (it offers the image's EXPOSEd ports). */
function formOfRun(f: EditForm) {
  return {
    image: '',
    name: '',
    command: f.command,
    env: f.env,
    ports: f.ports,
    volumes: f.volumes,
    network: f.network,
    restart: f.restart,
    autoRemove: false,
    tty: false,
  };
}
