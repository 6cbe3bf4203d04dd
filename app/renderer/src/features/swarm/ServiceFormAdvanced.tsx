// The service form's folded sections: placement and resources, restart policy, and how rolling
// updates and rollbacks proceed. A section with a problem opens by itself.
import type { ReactNode } from 'react';
import type { FormCtx } from './ServiceFormParts';
import type { RolloutForm, ServiceForm } from './service-form';

function Section({
  title,
  groups,
  ctx,
  children,
}: {
  title: string;
  groups: string[];
  ctx: FormCtx;
  children: ReactNode;
}) {
  const problems = groups.flatMap((g) => ctx.messages(g));
  return (
    <details className="form-section" open={problems.length > 0 || undefined}>
      <summary>{title}</summary>
      <div className="form-section-body">
        {children}
        {problems.map((m) => (
          <p key={m} className="field-error" role="alert">
            {m}
          </p>
        ))}
      </div>
    </details>
  );
}

/** A small labelled input inside a section; its problem is said at the section's end. */
function Small({
  id,
  label,
  value,
  onChange,
  field,
  ctx,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  field: string;
  ctx: FormCtx;
  placeholder?: string;
}) {
  return (
    <div className="field compact">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={ctx.invalid(field)}
        onChange={(e) => onChange(e.target.value)}
        onBlur={ctx.left(field, field.split('.')[0]!)}
      />
    </div>
  );
}

/** One Small per field of `values` named in `specs`, in that order. */
function SmallFields<K extends string>({
  specs,
  values,
  put,
  ctx,
}: {
  specs: readonly { key: K; id: string; label: string; field: string; placeholder?: string }[];
  values: Record<K, string>;
  put(key: K, value: string): void;
  ctx: FormCtx;
}) {
  return specs.map((f) => (
    <Small
      key={f.id}
      id={f.id}
      label={f.label}
      placeholder={f.placeholder}
      value={values[f.key]}
      onChange={(v) => put(f.key, v)}
      field={f.field}
      ctx={ctx}
    />
  ));
}

const RESOURCES = [
  { key: 'cpuLimit', id: 'svc-cpu-limit', label: 'CPU limit', placeholder: 'e.g. 0.5', field: 'resources.cpuLimit' },
  {
    key: 'memoryLimit',
    id: 'svc-mem-limit',
    label: 'Memory limit',
    placeholder: 'e.g. 256m',
    field: 'resources.memoryLimit',
  },
  {
    key: 'cpuReservation',
    id: 'svc-cpu-res',
    label: 'CPU reserved',
    placeholder: 'e.g. 0.25',
    field: 'resources.cpuReservation',
  },
  {
    key: 'memoryReservation',
    id: 'svc-mem-res',
    label: 'Memory reserved',
    placeholder: 'e.g. 128m',
    field: 'resources.memoryReservation',
  },
] as const;

const RESTART = [
  { key: 'delay', id: 'svc-restart-delay', label: 'Delay (s)', field: 'restart.delaySeconds' },
  { key: 'maxAttempts', id: 'svc-restart-max', label: 'Attempts (0: no limit)', field: 'restart.maxAttempts' },
  { key: 'window', id: 'svc-restart-window', label: 'Window (s)', field: 'restart.windowSeconds' },
] as const;

/** A rolling update's or rollback's numbers: [form key, id suffix, label, field suffix]. */
const ROLLOUT = [
  ['parallelism', 'parallelism', 'Tasks at a time (0: all)', 'parallelism'],
  ['delay', 'delay', 'Delay between (s)', 'delaySeconds'],
  ['monitor', 'monitor', 'Watch each for (s)', 'monitorSeconds'],
  ['maxFailureRatio', 'ratio', 'Failures allowed (0–1)', 'maxFailureRatio'],
] as const;

export function PlacementSection({ ctx }: { ctx: FormCtx }) {
  const { form, set } = ctx;
  return (
    <Section title="Placement and resources" groups={['constraints', 'resources']} ctx={ctx}>
      <div className="field">
        <label htmlFor="svc-constraints">Placement constraints (one per line)</label>
        <textarea
          id="svc-constraints"
          rows={2}
          value={form.constraints}
          placeholder="node.role==manager"
          spellCheck={false}
          aria-invalid={ctx.invalid('constraints')}
          aria-describedby="svc-constraints-hint"
          onChange={(e) => set('constraints', e.target.value)}
          onBlur={ctx.left('constraints')}
        />
        <p className="muted small hint" id="svc-constraints-hint">
          key==value or key!=value; keys: node.id, node.hostname, node.role, node.platform.os, node.platform.arch,
          node.labels.NAME, engine.labels.NAME.
        </p>
      </div>
      <div className="field-row four">
        <SmallFields
          specs={RESOURCES}
          values={form.resources}
          put={(k, v) => set('resources', { ...form.resources, [k]: v })}
          ctx={ctx}
        />
      </div>
    </Section>
  );
}

export function RestartSection({ ctx }: { ctx: FormCtx }) {
  const { form, set } = ctx;
  const r = form.restart;
  const put = (patch: Partial<ServiceForm['restart']>) => set('restart', { ...r, ...patch });
  return (
    <Section title="Restart policy" groups={['restart']} ctx={ctx}>
      <div className="field-row four">
        <div className="field compact">
          <label htmlFor="svc-restart">Restart</label>
          <select
            id="svc-restart"
            value={r.condition}
            onChange={(e) => put({ condition: e.target.value as ServiceForm['restart']['condition'] })}
          >
            <option value="any">always</option>
            <option value="on-failure">on failure</option>
            <option value="none">never</option>
          </select>
        </div>
        <SmallFields specs={RESTART} values={r} put={(k, v) => put({ [k]: v })} ctx={ctx} />
      </div>
    </Section>
  );
}

export function RolloutSection({ ctx, which }: { ctx: FormCtx; which: 'update' | 'rollback' }) {
  const { form, set } = ctx;
  const r = form[which];
  const put = (patch: Partial<RolloutForm>) => set(which, { ...r, ...patch });
  const id = (s: string) => `svc-${which}-${s}`;
  return (
    <Section title={which === 'update' ? 'Rolling update' : 'Rollback'} groups={[which]} ctx={ctx}>
      <div className="field-row four">
        <SmallFields
          specs={ROLLOUT.map(([key, suffix, label, field]) => ({
            key,
            id: id(suffix),
            label,
            field: `${which}.${field}`,
          }))}
          values={r}
          put={(k, v) => put({ [k]: v })}
          ctx={ctx}
        />
      </div>
      <div className="field-row">
        <div className="field compact">
          <label htmlFor={id('action')}>When a task fails</label>
          <select
            id={id('action')}
            value={r.failureAction}
            onChange={(e) => put({ failureAction: e.target.value as RolloutForm['failureAction'] })}
          >
            <option value="pause">pause</option>
            <option value="continue">continue</option>
            {which === 'update' && <option value="rollback">roll back</option>}
          </select>
        </div>
        <div className="field compact">
          <label htmlFor={id('order')}>Order</label>
          <select
            id={id('order')}
            value={r.order}
            onChange={(e) => put({ order: e.target.value as RolloutForm['order'] })}
          >
            <option value="stop-first">stop the old task first</option>
            <option value="start-first">start the new task first</option>
          </select>
        </div>
      </div>
    </Section>
  );
}
