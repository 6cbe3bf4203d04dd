// The service form's repeatable parts: published ports (ingress or host mode), mounts, and the
// secrets and configs a task gets as files. Each row is a named group; its problems show below.
import type { SwarmStatus } from '../../../../shared/contract/areas/swarm';
import { FormRowList, formList, NameOptions, ReadOnlyBox, RowSelect, type ListChecks } from '../containers/FormFields';
import type { MountRow, PortRow, RefRow, ServiceForm } from './service-form';

/** What a part of the form needs from the form: its values, and its problems (`ListChecks`). */
export interface FormCtx extends ListChecks {
  form: ServiceForm;
  set<K extends keyof ServiceForm>(key: K, value: ServiceForm[K]): void;
}

export function PortRows({ ctx, routingMesh }: { ctx: FormCtx; routingMesh: SwarmStatus['routingMesh'] | undefined }) {
  const ingress = ctx.form.ports.some((p) => p.mode === 'ingress');
  return (
    <FormRowList<PortRow>
      {...formList(ctx, 'ports', ctx.form.ports, (rows) => ctx.set('ports', rows))}
      legend="Published ports"
      newRow={() => ({ published: '', target: '', protocol: 'tcp', mode: 'ingress' })}
      addLabel="Add a port"
      rowLabel="Port"
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
      renderRow={(p, bind, update, i) => (
        <>
          <input {...bind('published', 'Published port')} inputMode="numeric" placeholder="published (any)" />
          <span aria-hidden="true">→</span>
          <input {...bind('target', 'Target port')} inputMode="numeric" placeholder="port in the task" />
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
      )}
    />
  );
}

export function MountRows({ ctx }: { ctx: FormCtx }) {
  return (
    <FormRowList<MountRow>
      {...formList(ctx, 'mounts', ctx.form.mounts, (rows) => ctx.set('mounts', rows))}
      legend="Mounts"
      newRow={() => ({ type: 'volume', source: '', target: '', readOnly: false })}
      addLabel="Add a mount"
      rowLabel="Mount"
      renderRow={(m, bind, update, i) => (
        <>
          <RowSelect
            label={`Mount type ${i + 1}`}
            value={m.type}
            choices={['volume', 'bind', 'tmpfs']}
            onChange={(type) => update({ type })}
          />
          <input
            {...bind('source', 'Source')}
            placeholder={m.type === 'bind' ? '/path/on/node' : m.type === 'volume' ? 'volume (new if empty)' : '—'}
            disabled={m.type === 'tmpfs'}
          />
          <span aria-hidden="true">→</span>
          <input {...bind('target', 'Path in the task')} placeholder="/path/in/task" />
          <ReadOnlyBox checked={m.readOnly} onChange={(readOnly) => update({ readOnly })} />
        </>
      )}
    />
  );
}

/** Secrets (files under /run/secrets) or configs (files at a path), picked from those the swarm has. */
export function RefRows({ ctx, kind, names }: { ctx: FormCtx; kind: 'secrets' | 'configs'; names: string[] }) {
  const { form, invalid } = ctx;
  const one = kind === 'secrets' ? 'Secret' : 'Config';
  return (
    <FormRowList<RefRow>
      {...formList(ctx, kind, form[kind], (rows) => ctx.set(kind, rows))}
      legend={kind === 'secrets' ? 'Secrets' : 'Configs'}
      newRow={() => ({ name: names.find((n) => !form[kind].some((r) => r.name === n)) ?? '', target: '' })}
      addLabel={`Add a ${one.toLowerCase()}`}
      rowLabel={one}
      note={
        names.length === 0 ? (
          <p className="muted small hint">
            The swarm has no {kind} yet: create one in the {one}s tab first.
          </p>
        ) : undefined
      }
      renderRow={(r, bind, update, i) => (
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
            {...bind('target', kind === 'secrets' ? 'File name' : 'Path')}
            placeholder={kind === 'secrets' ? `/run/secrets/${r.name || 'name'}` : `/${r.name || 'name'}`}
          />
        </>
      )}
    />
  );
}
