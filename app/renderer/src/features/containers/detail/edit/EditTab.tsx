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
import { TextField } from '../../../../components/forms';
import { ErrorText, Field } from '../../../../components/kit';
import { LinesField, NameOptions, RestartField, textBinder } from '../../FormFields';
import { PortsAndMounts } from '../../PortsAndMounts';
import { fieldGroup } from '../../run-form';
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

/** The fields of one item per line. */
const LINE_FIELDS = [
  { key: 'env', label: 'Environment (one KEY=value per line)', rows: 4 },
  { key: 'labels', label: 'Labels (one key=value per line)', rows: 3 },
] as const;

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
  const problems = useFormProblems(errors, refusal, groupOf);
  const { setSubmitted, left, refusalAt, messages } = problems;
  const one = (key: string) => messages(key)[0];
  const text = textBinder(form, set, { ...problems, error: one });

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
          <TextField
            id="edit-command"
            label="Command"
            hint="Empty: the image's default command."
            {...text('command')}
          />
          <PortsAndMounts image={container.image} images={undefined} form={form} set={set} problems={problems} />
          {LINE_FIELDS.map(({ key, label, rows }) => (
            <LinesField
              key={key}
              id={`edit-${key}`}
              label={label}
              rows={rows}
              value={form[key]}
              onChange={(v) => set(key, v)}
              onBlur={left(key, ...Object.keys(errors).filter((k) => k.startsWith(`${key}.`)))}
              errors={messages(key)}
            />
          ))}
          <div className="field-row">
            <Field id="edit-network" label="Network" error={one('network')}>
              <select id="edit-network" value={form.network} onChange={(e) => set('network', e.target.value)}>
                <NameOptions names={networkNames} />
              </select>
            </Field>
            <RestartField
              id="edit-restart"
              value={form.restart}
              onChange={(v) => set('restart', v)}
              error={one('restart')}
            />
          </div>
          <div className="field-row">
            <TextField
              id="edit-memory"
              label="Memory limit (MiB)"
              inputMode="decimal"
              placeholder="no limit"
              {...text('memory')}
            />
            <TextField
              id="edit-cpus"
              label="CPU limit (CPUs)"
              inputMode="decimal"
              placeholder="no limit"
              {...text('cpus')}
            />
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
