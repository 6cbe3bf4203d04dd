// The swarm's secrets or configs: name, when made, which services use them, the stack that made them;
// create one (from text or a file), remove one no service uses. A secret's value is never shown.
import { useState } from 'react';
import type { SwarmData } from '../../../../shared/contract/areas/swarm';
import { useClient, useRequest } from '../../api/hooks';
import { href } from '../../app/router';
import { EngineGate } from '../../components/EngineGate';
import { ListToolbar } from '../../components/ListPage';
import { ObjectTable } from '../../components/ObjectTable';
import { RemoveObjectDialog } from '../../components/RemoveObjectDialog';
import { RowButtons } from '../../components/RowButtons';
import { timeAgo } from '../../components/format';
import { CreateDataDialog, type DataKind } from './CreateDataDialog';
import { useIsManager } from './swarm-queries';

export function DataTab({ kind }: { kind: DataKind }) {
  const client = useClient();
  const list = useRequest(kind === 'secret' ? 'secrets.list' : 'configs.list', undefined, { enabled: useIsManager() });
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<SwarmData>();
  const [search, setSearch] = useState('');
  const plural = `${kind}s`;
  const q = search.trim().toLowerCase();
  const rows = (list.data ?? []).filter((d) => !q || d.name.toLowerCase().includes(q));
  return (
    <>
      <ListToolbar
        label={`${kind === 'secret' ? 'Secret' : 'Config'} list tools`}
        search={{ label: `Search ${plural}`, placeholder: 'Search by name', value: search, onChange: setSearch }}
      >
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          Create {kind}
        </button>
      </ListToolbar>
      <EngineGate query={list} what={plural}>
        {list.data?.length === 0 ? (
          <div className="empty">
            <h2>No {plural}</h2>
            <p>
              {kind === 'secret'
                ? 'A secret is a value (a password, a key) a service reads as a file under /run/secrets; the swarm keeps it encrypted.'
                : 'A config is a file a service reads at a path of your choice (settings, certificates).'}
            </p>
          </div>
        ) : (
          <ObjectTable<SwarmData>
            label={kind === 'secret' ? 'Secrets' : 'Configs'}
            rows={rows}
            rowKey={(d) => d.id}
            rowName={(d) => d.name}
            columns={[
              { label: 'Name', value: (d) => d.name, className: 'name-cell', render: (d) => d.name },
              {
                label: 'Created',
                value: (d) => d.createdAt,
                priority: 2,
                render: (d) => (d.createdAt ? timeAgo(Date.parse(d.createdAt) / 1000) : ''),
              },
              {
                label: 'Used by',
                value: (d) => d.services.length,
                grow: true,
                render: (d) =>
                  d.services.length ? (
                    d.services.map((s, i) => (
                      <span key={s}>
                        {i > 0 && ', '}
                        <a href={href('swarm', 'services', s)}>{s}</a>
                      </span>
                    ))
                  ) : (
                    <span className="muted">no service</span>
                  ),
              },
              { label: 'Stack', value: (d) => d.stack ?? '', priority: 3, render: (d) => d.stack ?? '' },
            ]}
            actions={(d) => (
              <RowButtons
                owner={d.name}
                buttons={[
                  {
                    label: 'Remove',
                    danger: true,
                    onClick: () => setRemoving(d),
                    disabled: d.services.length > 0,
                    reason: `Used by ${d.services.join(', ')}: remove it from ${d.services.length === 1 ? 'that service' : 'them'} first.`,
                  },
                ]}
              />
            )}
          />
        )}
      </EngineGate>
      {creating && <CreateDataDialog kind={kind} onClose={() => setCreating(false)} />}
      {removing && (
        <RemoveObjectDialog
          noun={kind}
          name={removing.name}
          remove={() => client.request(kind === 'secret' ? 'secrets.remove' : 'configs.remove', { id: removing.id })}
          onClose={() => setRemoving(undefined)}
        >
          <p>No service uses it now; a service that names it later cannot be created until it exists again.</p>
        </RemoveObjectDialog>
      )}
    </>
  );
}
