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

export function PlacementSection({ ctx }: { ctx: FormCtx }) {
  const { form, set } = ctx;
  const res = (k: keyof ServiceForm['resources']) => (v: string) => set('resources', { ...form.resources, [k]: v });
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
        <Small
          id="svc-cpu-limit"
          label="CPU limit"
          placeholder="e.g. 0.5"
          value={form.resources.cpuLimit}
          onChange={res('cpuLimit')}
          field="resources.cpuLimit"
          ctx={ctx}
        />
        <Small
          id="svc-mem-limit"
          label="Memory limit"
          placeholder="e.g. 256m"
          value={form.resources.memoryLimit}
          onChange={res('memoryLimit')}
          field="resources.memoryLimit"
          ctx={ctx}
        />
        <Small
          id="svc-cpu-res"
          label="CPU reserved"
          placeholder="e.g. 0.25"
          value={form.resources.cpuReservation}
          onChange={res('cpuReservation')}
          field="resources.cpuReservation"
          ctx={ctx}
        />
        <Small
          id="svc-mem-res"
          label="Memory reserved"
          placeholder="e.g. 128m"
          value={form.resources.memoryReservation}
          onChange={res('memoryReservation')}
          field="resources.memoryReservation"
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
        <Small
          id="svc-restart-delay"
          label="Delay (s)"
          value={r.delay}
          onChange={(v) => put({ delay: v })}
          field="restart.delaySeconds"
          ctx={ctx}
        />
        <Small
          id="svc-restart-max"
          label="Attempts (0: no limit)"
          value={r.maxAttempts}
          onChange={(v) => put({ maxAttempts: v })}
          field="restart.maxAttempts"
          ctx={ctx}
        />
        <Small
          id="svc-restart-window"
          label="Window (s)"
          value={r.window}
          onChange={(v) => put({ window: v })}
          field="restart.windowSeconds"
          ctx={ctx}
        />
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
        <Small
          id={id('parallelism')}
          label="Tasks at a time (0: all)"
          value={r.parallelism}
          onChange={(v) => put({ parallelism: v })}
          field={`${which}.parallelism`}
          ctx={ctx}
        />
        <Small
          id={id('delay')}
          label="Delay between (s)"
          value={r.delay}
          onChange={(v) => put({ delay: v })}
          field={`${which}.delaySeconds`}
          ctx={ctx}
        />
        <Small
          id={id('monitor')}
          label="Watch each for (s)"
          value={r.monitor}
          onChange={(v) => put({ monitor: v })}
          field={`${which}.monitorSeconds`}
          ctx={ctx}
        />
        <Small
          id={id('ratio')}
          label="Failures allowed (0–1)"
          value={r.maxFailureRatio}
          onChange={(v) => put({ maxFailureRatio: v })}
          field={`${which}.maxFailureRatio`}
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
