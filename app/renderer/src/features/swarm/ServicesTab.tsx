// The swarm's services: mode, image, tasks running of wanted (jobs: completed), published ports,
// update state and stack; create one from the form; each row's actions.
import { useState } from 'react';
import { EngineGate } from '../../components/EngineGate';
import { EmptyList, ListToolbar } from '../../components/ListPage';
import { ServiceFormDialog } from './ServiceFormDialog';
import { ServicesTable } from './ServicesTable';
import { useServices } from './swarm-queries';

export function ServicesTab() {
  const list = useServices();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const q = search.trim().toLowerCase();
  const rows = (list.data ?? []).filter(
    (s) => !q || s.name.toLowerCase().includes(q) || s.image.toLowerCase().includes(q) || s.stack?.includes(q),
  );
  return (
    <>
      <ListToolbar
        label="Service list tools"
        search={{
          label: 'Search services',
          placeholder: 'Search by name, image or stack',
          value: search,
          onChange: setSearch,
        }}
      >
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          Create service
        </button>
      </ListToolbar>
      <EngineGate query={list} what="services">
        {list.data?.length === 0 ? (
          <EmptyList title="No services">
            Create one here, deploy a stack, or run docker service create from any terminal: it shows up here.
          </EmptyList>
        ) : (
          <ServicesTable services={rows} />
        )}
      </EngineGate>
      {creating && <ServiceFormDialog onClose={() => setCreating(false)} />}
    </>
  );
}
