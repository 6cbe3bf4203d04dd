// Stacks, found by the com.docker.stack.namespace label `docker stack deploy` puts on what it makes:
// services, tasks running of wanted, networks, secrets and configs; deploy one, deploy again to update,
// remove (confirmed).
import { useState } from 'react';
import type { SwarmStack } from '../../../../shared/contract/areas/swarm';
import { useClient, useRequest } from '../../api/hooks';
import { href, navigate } from '../../app/router';
import { fieldColumn, linkColumn } from '../../components/columns';
import { EngineGate } from '../../components/EngineGate';
import { EmptyList, ListToolbar } from '../../components/ListPage';
import { ObjectTable } from '../../components/ObjectTable';
import { RemoveObjectDialog } from '../../components/RemoveObjectDialog';
import { RowButtons } from '../../components/RowButtons';
import { DeployStackDialog } from './DeployStackDialog';
import { useIsManager, useRemoteTasksInterval } from './swarm-queries';

export function useStacks() {
  return useRequest('stacks.list', undefined, { enabled: useIsManager(), refetchInterval: useRemoteTasksInterval() });
}

export function RemoveStackDialog({ stack, onClose }: { stack: SwarmStack; onClose(): void }) {
  const client = useClient();
  return (
    <RemoveObjectDialog
      noun="stack"
      name={stack.name}
      remove={async () => {
        await client.request('stacks.remove', { name: stack.name });
        if (location.hash.startsWith(href('swarm', 'stacks', stack.name))) navigate(href('swarm', 'stacks'));
      }}
      onClose={onClose}
    >
      <p>
        docker stack rm removes its {stack.services} service{stack.services === 1 ? '' : 's'}
        {stack.networks.length ? `, networks ${stack.networks.join(', ')}` : ''}
        {stack.secrets.length ? `, secrets ${stack.secrets.join(', ')}` : ''}
        {stack.configs.length ? `, configs ${stack.configs.join(', ')}` : ''}. Volumes stay.
      </p>
    </RemoveObjectDialog>
  );
}

export function StackActions({ stack }: { stack: SwarmStack }) {
  const [open, setOpen] = useState<'deploy' | 'remove'>();
  return (
    <>
      <RowButtons
        owner={stack.name}
        buttons={[
          { label: 'Deploy again', onClick: () => setOpen('deploy') },
          { label: 'Remove', onClick: () => setOpen('remove'), danger: true },
        ]}
      />
      {open === 'deploy' && <DeployStackDialog name={stack.name} onClose={() => setOpen(undefined)} />}
      {open === 'remove' && <RemoveStackDialog stack={stack} onClose={() => setOpen(undefined)} />}
    </>
  );
}

export function StacksTab() {
  const list = useStacks();
  const [deploying, setDeploying] = useState(false);
  const [search, setSearch] = useState('');
  const q = search.trim().toLowerCase();
  const rows = (list.data ?? []).filter((s) => !q || s.name.toLowerCase().includes(q));
  return (
    <>
      <ListToolbar
        label="Stack list tools"
        search={{ label: 'Search stacks', placeholder: 'Search by name', value: search, onChange: setSearch }}
      >
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setDeploying(true)}>
          Deploy a stack
        </button>
      </ListToolbar>
      <EngineGate query={list} what="stacks">
        {list.data?.length === 0 ? (
          <EmptyList title="No stacks">
            Deploy a compose file as a stack here, or with docker stack deploy from any terminal.
          </EmptyList>
        ) : (
          <ObjectTable<SwarmStack>
            label="Stacks"
            rows={rows}
            rowName={(s) => s.name}
            columns={[
              linkColumn('Name', (s) => s.name, 'swarm', 'stacks'),
              fieldColumn('Services', (s) => s.services),
              {
                label: 'Tasks',
                value: (s) => s.running,
                render: (s) => (
                  <span className={s.running < s.desired ? 'warning-text' : undefined}>
                    {s.running}/{s.desired}
                  </span>
                ),
              },
              { label: 'Networks', priority: 2, render: (s) => s.networks.join(', ') },
              {
                label: 'Secrets and configs',
                grow: true,
                priority: 3,
                render: (s) => [...s.secrets, ...s.configs].join(', '),
              },
            ]}
            actions={(s) => <StackActions stack={s} />}
          />
        )}
      </EngineGate>
      {deploying && <DeployStackDialog onClose={() => setDeploying(false)} />}
    </>
  );
}
