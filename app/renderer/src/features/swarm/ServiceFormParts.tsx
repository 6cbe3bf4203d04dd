// The service form's repeatable parts: published ports (ingress or host mode), mounts, and the
// secrets and configs a task gets as files. Each row is a named group; its problems show below.
import type { SwarmStatus } from '../../../../shared/contract/areas/swarm';
import { NameOptions, ReadOnlyBox, RowSelect, rowInputs } from '../containers/FormFields';
import { RowListField } from '../containers/RowListField';
import type { MountRow, PortRow, RefRow, ServiceForm } from './service-form';

/** What a part of the form needs from the form. */
export interface FormCtx {
  form: ServiceForm;
  set<K extends keyof ServiceForm>(key: K, value: ServiceForm[K]): void;
  /** The blur handler that shows a field's problem once it is left. */
  left(...keys: string[]): (e: React.FocusEvent) => void;
  invalid(key: string): boolean;
  /** The sentences to show for a group ('ports', 'restart' …). */
  messages(group: string): string[];
  /** Row `index` of `group` was removed: its touched state goes, later rows move up. */
  removedRow(group: string, index: number): void;
}

export function PortRows({ ctx, routingMesh }: { ctx: FormCtx; routingMesh: SwarmStatus['routingMesh'] | undefined }) {
  const { form, set } = ctx;
  const ingress = form.ports.some((p) => p.mode === 'ingress');
  return (
    <RowListField<PortRow>
      legend="Published ports"
      rows={form.ports}
      onChange={(rows) => set('ports', rows)}
      onRemoved={(i) => ctx.removedRow('ports', i)}
      newRow={() => ({ published: '', target: '', protocol: 'tcp', mode: 'ingress' })}
      addLabel="Add a port"
      rowLabel="Port"
      errors={ctx.messages('ports')}
      note={
        ingress && routingMesh === 'missing' ? (
          <p className="warning-text small" role="note">
            This engine&apos;s kernel has no IPVS, which the routing mesh needs: ports in ingress mode will not answer.
            Publish in host mode (on the nodes that run a task) instead.
          </p>
        ) : (
          <p className="muted small hint">
            Ingress: the port answers on every node (routing mesh). Host: only on the nodes running a task.
          </p>
        )
      }
      renderRow={(p, update, i) => {
        const bind = rowInputs(p, update, ctx, `ports.${i}`, 'ports');
        return (
          <>
            <input
              aria-label={`Published port ${i + 1}`}
              inputMode="numeric"
              placeholder="published (any)"
              {...bind('published')}
            />
            <span aria-hidden="true">→</span>
            <input
              aria-label={`Target port ${i + 1}`}
              inputMode="numeric"
              placeholder="port in the task"
              {...bind('target')}
            />
            <RowSelect
              label={`Protocol ${i + 1}`}
              value={p.protocol}
              choices={['tcp', 'udp', 'sctp']}
              onChange={(protocol) => update({ protocol })}
            />
            <RowSelect
              label={`Publish mode ${i + 1}`}
              value={p.mode}
              choices={['ingress', 'host']}
              onChange={(mode) => update({ mode })}
            />
          </>
        );
      }}
    />
  );
}

export function MountRows({ ctx }: { ctx: FormCtx }) {
  const { form, set } = ctx;
  return (
    <RowListField<MountRow>
      legend="Mounts"
      rows={form.mounts}
      onChange={(rows) => set('mounts', rows)}
      onRemoved={(i) => ctx.removedRow('mounts', i)}
      newRow={() => ({ type: 'volume', source: '', target: '', readOnly: false })}
      addLabel="Add a mount"
      rowLabel="Mount"
      errors={ctx.messages('mounts')}
      renderRow={(m, update, i) => {
        const bind = rowInputs(m, update, ctx, `mounts.${i}`, 'mounts');
        return (
          <>
            <RowSelect
              label={`Mount type ${i + 1}`}
              value={m.type}
              choices={['volume', 'bind', 'tmpfs']}
              onChange={(type) => update({ type })}
            />
            <input
              aria-label={`Source ${i + 1}`}
              placeholder={m.type === 'bind' ? '/path/on/node' : m.type === 'volume' ? 'volume (new if empty)' : '—'}
              disabled={m.type === 'tmpfs'}
              {...bind('source')}
            />
            <span aria-hidden="true">→</span>
            <input aria-label={`Path in the task ${i + 1}`} placeholder="/path/in/task" {...bind('target')} />
            <ReadOnlyBox checked={m.readOnly} onChange={(readOnly) => update({ readOnly })} />
          </>
        );
      }}
    />
  );
}

/** Secrets (files under /run/secrets) or configs (files at a path), picked from those the swarm has. */
export function RefRows({ ctx, kind, names }: { ctx: FormCtx; kind: 'secrets' | 'configs'; names: string[] }) {
  const { form, set, invalid } = ctx;
  const one = kind === 'secrets' ? 'Secret' : 'Config';
  return (
    <RowListField<RefRow>
      legend={kind === 'secrets' ? 'Secrets' : 'Configs'}
      rows={form[kind]}
      onChange={(rows) => set(kind, rows)}
      onRemoved={(i) => ctx.removedRow(kind, i)}
      newRow={() => ({ name: names.find((n) => !form[kind].some((r) => r.name === n)) ?? '', target: '' })}
      addLabel={`Add a ${one.toLowerCase()}`}
      rowLabel={one}
      errors={ctx.messages(kind)}
      note={
        names.length === 0 ? (
          <p className="muted small hint">
            The swarm has no {kind} yet: create one in the {one}s tab first.
          </p>
        ) : undefined
      }
      renderRow={(r, update, i) => (
        <>
          <select
            aria-label={`${one} ${i + 1}`}
            value={r.name}
            aria-invalid={invalid(`${kind}.${i}.name`)}
            onChange={(e) => update({ name: e.target.value })}
          >
            <option value="">Choose…</option>
            <NameOptions names={[...new Set([...names, r.name].filter(Boolean))]} />
          </select>
          <span aria-hidden="true">→</span>
          <input
            aria-label={`${kind === 'secrets' ? 'File name' : 'Path'} ${i + 1}`}
            placeholder={kind === 'secrets' ? `/run/secrets/${r.name || 'name'}` : `/${r.name || 'name'}`}
            {...rowInputs(r, update, ctx, `${kind}.${i}`, kind)('target')}
          />
        </>
      )}
    />
  );
}
