// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceSpecValue } from '../../../../shared/contract/areas/swarm';
import { refuse, renderWithClient, type Answer } from '../../test-support/render';
import { ServiceFormDialog } from './ServiceFormDialog';

afterEach(() => {
  cleanup();
  location.hash = '';
});

const alerts = () => screen.queryAllByRole('alert').map((a) => a.textContent);

/** Answers the lists the form reads, then `more`. */
const answers =
  (more: Answer = () => undefined): Answer =>
  (method, args) => {
    if (method === 'engine.status') return { state: 'running' };
    if (method === 'images.list') return [];
    if (method === 'networks.list')
      return [
        { id: 'n1', name: 'backend', scope: 'swarm', driver: 'overlay' },
        { id: 'n2', name: 'bridge', scope: 'local', driver: 'bridge' },
      ];
    if (method === 'secrets.list') return [{ id: 's1', name: 'db-password', services: [], labels: {} }];
    if (method === 'configs.list') return [];
    if (method === 'swarm.status')
      return { state: 'active', role: 'manager', managerAddrs: [], routingMesh: 'missing' };
    return more(method, args);
  };

/** The form, whose create succeeds, with a name and an image typed in; `closed()` once it closed. */
async function createForm(user: ReturnType<typeof userEvent.setup>) {
  let closed = false;
  const r = renderWithClient(
    <ServiceFormDialog onClose={() => (closed = true)} />,
    answers((m) => (m === 'services.create' ? { id: 'x', name: 'web', warnings: [] } : undefined)),
  );
  await user.type(screen.getByRole('textbox', { name: 'Name' }), 'web');
  await user.type(screen.getByRole('combobox', { name: 'Image' }), 'busybox');
  return { r, closed: () => closed };
}

// Typing into many fields takes a while on a busy 2-core machine.
describe('the service form', { timeout: 30_000 }, () => {
  it('shows every problem on Create, at its field, and nothing reaches the server', async () => {
    const user = userEvent.setup();
    const r = renderWithClient(<ServiceFormDialog onClose={() => undefined} />, answers());
    const replicas = screen.getByRole('textbox', { name: 'Replicas' });
    await user.clear(replicas);
    await user.type(replicas, '-2');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(alerts()).toEqual([
      expect.stringMatching(/name/i),
      expect.stringMatching(/image/i),
      'Replicas is 0 or more.',
    ]);
    expect(replicas.getAttribute('aria-invalid')).toBe('true');
    expect(r.callsTo('services.create')).toEqual([]);
  });

  it('says nothing before a field is left, then only about that field', async () => {
    const user = userEvent.setup();
    renderWithClient(<ServiceFormDialog onClose={() => undefined} />, answers());
    expect(alerts()).toEqual([]);
    await user.click(screen.getByRole('textbox', { name: 'Name' }));
    await user.tab();
    expect(alerts()).toHaveLength(1);
  });

  it('refuses a port published twice at the second row', async () => {
    const user = userEvent.setup();
    const r = renderWithClient(<ServiceFormDialog onClose={() => undefined} />, answers());
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'web');
    await user.type(screen.getByRole('combobox', { name: 'Image' }), 'busybox');
    for (const i of [1, 2]) {
      await user.click(screen.getByRole('button', { name: 'Add a port' }));
      await user.type(screen.getByRole('textbox', { name: `Published port ${i}` }), '8080');
      await user.type(screen.getByRole('textbox', { name: `Target port ${i}` }), '80');
    }
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(alerts()).toEqual([
      'Port 2: Port 8080/tcp is published twice (rows 1 and 2); a port can be published once.',
    ]);
    expect(screen.getByRole('textbox', { name: 'Published port 2' }).getAttribute('aria-invalid')).toBe('true');
    expect(r.callsTo('services.create')).toEqual([]);
  });

  it('sends the settings the contract takes, then opens the new service', async () => {
    const user = userEvent.setup();
    const { r, closed } = await createForm(user);
    await user.type(screen.getByRole('textbox', { name: 'Command (optional)' }), 'sleep 600');
    await user.click(screen.getByRole('checkbox', { name: 'backend' }));
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(closed()).toBe(true));
    const sent = r.callsTo('services.create')[0] as ServiceSpecValue;
    expect(sent).toMatchObject({ name: 'web', image: 'busybox', command: ['sleep', '600'], networks: ['backend'] });
    expect(location.hash).toBe('#/swarm/services/web');
  });

  it('sends what the folded sections hold: resources, restart policy, the rollout of updates and rollbacks', async () => {
    const user = userEvent.setup();
    const { r, closed } = await createForm(user);
    await user.type(screen.getByRole('textbox', { name: 'CPU reserved' }), '0.25');
    const attempts = screen.getByRole('textbox', { name: 'Attempts (0: no limit)' });
    await user.clear(attempts);
    await user.type(attempts, '3');
    // The update's fields come first, then the rollback's, with the same names.
    const [, rollbackParallel] = screen.getAllByRole('textbox', { name: 'Tasks at a time (0: all)' });
    await user.clear(rollbackParallel!);
    await user.type(rollbackParallel!, '2');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(closed()).toBe(true));
    const sent = r.callsTo('services.create')[0] as ServiceSpecValue;
    expect(sent).toMatchObject({
      resources: { cpuReservation: 0.25 },
      restart: { maxAttempts: 3 },
      update: { parallelism: 1 },
      rollback: { parallelism: 2 },
    });
  });

  it("puts the swarm's refusal on the field it names: a missing secret on Secrets", async () => {
    const user = userEvent.setup();
    renderWithClient(
      <ServiceFormDialog onClose={() => undefined} />,
      answers((m) =>
        m === 'services.create'
          ? refuse({ kind: 'invalid', field: 'secrets.0.name', message: 'There is no secret "gone" in this swarm.' })
          : undefined,
      ),
    );
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'web');
    await user.type(screen.getByRole('combobox', { name: 'Image' }), 'busybox');
    await user.click(screen.getByRole('button', { name: 'Add a secret' }));
    await user.click(screen.getByRole('button', { name: 'Create' }));
    const legend = await screen.findByText('There is no secret "gone" in this swarm.');
    expect(legend.closest('fieldset')?.querySelector('legend')?.textContent).toBe('Secrets');
  });
});
