// Create a swarm service, or change one (a rolling update), as `docker service create/update` would:
// each field checked by the contract's own rules once it has been left (or on submit), every problem
// at its field; the swarm's refusals (a taken port, a missing secret, constraints no node matches)
// come back to the field they name.
import { useMemo, useState } from 'react';
import type { ServiceSpecInput } from '../../../../shared/contract/areas/swarm';
import { useClient, useRequest } from '../../api/hooks';
import { href, navigate } from '../../app/router';
import { useUi } from '../../app/ui-store';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/forms';
import { ErrorText, Field } from '../../components/kit';
import { useStart } from '../../components/use-start';
import { ImageField, LinesField, textBinder } from '../containers/FormFields';
import { errorsOf, withoutRow } from '../containers/run-form';
import { PlacementSection, RestartSection, RolloutSection } from './ServiceFormAdvanced';
import { MountRows, PortRows, RefRows, type FormCtx } from './ServiceFormParts';
import { checkServiceForm, emptyServiceForm, formFromSpec, groupOf, toSpec, type ServiceForm } from './service-form';
import { useSwarmStatus } from './swarm-queries';

export function ServiceFormDialog({
  onClose,
  editing,
}: {
  onClose(): void;
  /** The service being changed: its id and current settings. */
  editing?: { id: string; spec: ServiceSpecInput };
}) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const images = useRequest('images.list').data ?? [];
  const networks = (useRequest('networks.list').data ?? []).filter((n) => n.scope === 'swarm' && n.name !== 'ingress');
  const secrets = useRequest('secrets.list').data ?? [];
  const configs = useRequest('configs.list').data ?? [];
  const routingMesh = useSwarmStatus().data?.routingMesh;
  const [form, setForm] = useState<ServiceForm>(() => (editing ? formFromSpec(editing.spec) : emptyServiceForm()));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [force, setForce] = useState(false);
  const s = useStart();
  const errors = useMemo(() => checkServiceForm(form), [form]);
  const tags = useMemo(() => images.flatMap((i) => i.tags).sort(), [images]);

  const visible = (key: string) => submitted || touched.has(key) || touched.has(key.split('.')[0]!);
  const refusalAt = (group: string) => (s.error && groupOf(s.error.field) === group ? s.error.message : undefined);
  const ctx: FormCtx = {
    form,
    set: (key, value) => {
      setForm((f) => ({ ...f, [key]: value }));
      if (s.error && groupOf(s.error.field) === key) s.setError(undefined);
    },
    left:
      (...keys) =>
      (e) => {
        // Left for a button, a problem appearing would move it from under the pointer: wait.
        if (e.relatedTarget instanceof Element && e.relatedTarget.closest('button')) return;
        setTouched((t) => new Set([...t, ...keys]));
      },
    invalid: (key) => (visible(key) && !!errors[key]) || s.error?.field === key,
    messages: (group) => [...errorsOf(errors, group, visible), refusalAt(group)].filter((m): m is string => !!m),
    removedRow: (group, i) => setTouched((t) => withoutRow(t, group, i)),
  };
  const one = (key: string) => ctx.messages(key)[0];
  const text = textBinder(form, ctx.set, { ...ctx, error: one });
  const job = form.mode.endsWith('-job');

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSubmitted(true);
    const formEl = e.currentTarget;
    if (Object.keys(errors).length) {
      setTimeout(() => formEl.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    const spec = toSpec(form);
    const done = await s.run(async () => {
      if (editing) await client.request('services.update', { id: editing.id, spec, force });
      else await client.request('services.create', spec);
      return true;
    });
    if (!done) return;
    toast('success', editing ? `Updating service ${spec.name}.` : `Created service ${spec.name}.`);
    navigate(href('swarm', 'services', spec.name));
    onClose();
  };

  return (
    <Dialog title={editing ? `Change service ${editing.spec.name}` : 'Create a service'} onClose={onClose} wide>
      <form className="run-form service-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field-row">
          <TextField id="svc-name" label="Name" {...text('name')} readOnly={!!editing} autoComplete="off" />
          <ImageField id="svc-image" tags={tags} {...text('image')} placeholder="e.g. nginx:latest" />
        </div>
        <div className="field-row">
          <Field id="svc-mode" label="Mode" error={one('mode')}>
            <select
              id="svc-mode"
              value={form.mode}
              disabled={!!editing}
              onChange={(e) => ctx.set('mode', e.target.value as ServiceForm['mode'])}
            >
              <option value="replicated">replicated (a number of tasks)</option>
              <option value="global">global (one task on each node)</option>
              <option value="replicated-job">replicated job (runs to completion)</option>
              <option value="global-job">global job (once on each node)</option>
            </select>
          </Field>
          {(form.mode === 'replicated' || form.mode === 'replicated-job') && (
            <TextField
              id="svc-replicas"
              label={form.mode === 'replicated' ? 'Replicas' : 'Completions'}
              {...text('replicas')}
              inputMode="numeric"
            />
          )}
          {form.mode === 'replicated-job' && (
            <TextField id="svc-concurrent" label="Tasks at once" {...text('maxConcurrent')} inputMode="numeric" />
          )}
        </div>
        <TextField
          id="svc-command"
          label="Command (optional)"
          {...text('command')}
          placeholder="the image's default if empty"
        />
        <LinesField
          id="svc-env"
          label="Environment (one KEY=value per line)"
          rows={2}
          value={form.env}
          onChange={(v) => ctx.set('env', v)}
          onBlur={ctx.left('env')}
          errors={ctx.messages('env')}
        />
        <PortRows ctx={ctx} routingMesh={routingMesh} />
        <MountRows ctx={ctx} />
        <fieldset className={ctx.messages('networks').length ? 'invalid' : ''}>
          <legend>Networks</legend>
          {networks.length === 0 ? (
            <p className="muted small hint">
              No overlay network yet: create one on the Networks page (driver overlay).
            </p>
          ) : (
            <div className="check-list">
              {networks.map((n) => (
                <label key={n.id} className="inline">
                  <input
                    type="checkbox"
                    checked={form.networks.includes(n.name)}
                    onChange={(e) =>
                      ctx.set(
                        'networks',
                        e.target.checked ? [...form.networks, n.name] : form.networks.filter((x) => x !== n.name),
                      )
                    }
                  />{' '}
                  {n.name}
                </label>
              ))}
            </div>
          )}
          <label className="inline">
            Reached by{' '}
            <select
              aria-label="Endpoint mode"
              value={form.endpointMode}
              onChange={(e) => ctx.set('endpointMode', e.target.value as ServiceForm['endpointMode'])}
            >
              <option value="vip">one virtual IP (vip)</option>
              <option value="dnsrr">each task&apos;s address (DNS round robin)</option>
            </select>
          </label>
          {ctx.messages('networks').map((m) => (
            <p key={m} className="field-error" role="alert">
              {m}
            </p>
          ))}
        </fieldset>
        <RefRows ctx={ctx} kind="secrets" names={secrets.map((x) => x.name)} />
        <RefRows ctx={ctx} kind="configs" names={configs.map((x) => x.name)} />
        <PlacementSection ctx={ctx} />
        <RestartSection ctx={ctx} />
        {!job && <RolloutSection ctx={ctx} which="update" />}
        {!job && <RolloutSection ctx={ctx} which="rollback" />}
        {editing && (
          <label className="inline">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Replace every task
            even if nothing changed (force)
          </label>
        )}
        <ErrorText message={refusalAt('form')} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={s.busy}>
            {s.busy ? (editing ? 'Updating…' : 'Creating…') : editing ? 'Update' : 'Create'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
