// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SwarmStatus } from '../../../../shared/contract/areas/swarm';
import { refuse, renderWithClient } from '../../test-support/render';
import { JoinCommands } from './JoinCommands';
import { InitSwarmDialog, LeaveSwarmDialog } from './SwarmDialogs';

afterEach(cleanup);

const manager: SwarmStatus = {
  state: 'active',
  role: 'manager',
  nodes: 1,
  managers: 1,
  managerAddrs: ['10.0.0.2:2377'],
  routingMesh: 'available',
};

describe('creating a swarm', () => {
  it('fills in the address Berth suggests, editable, and sends what the field says', async () => {
    const user = userEvent.setup();
    let closed = false;
    const r = renderWithClient(<InitSwarmDialog onClose={() => (closed = true)} />, (m) =>
      m === 'swarm.addresses'
        ? {
            addresses: [
              { addr: '10.0.0.2', iface: 'eth0' },
              { addr: '172.17.0.1', iface: 'docker0' },
            ],
            suggested: '10.0.0.2',
          }
        : m === 'swarm.init'
          ? { ...manager, nodeAddr: '10.0.0.2' }
          : undefined,
    );
    const field = screen.getByRole('combobox', { name: 'Advertise address' });
    await waitFor(() => expect((field as HTMLInputElement).value).toBe('10.0.0.2'));
    expect(screen.getByText(/it also has 172\.17\.0\.1 \(docker0\)/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(closed).toBe(true));
    expect(r.callsTo('swarm.init')).toEqual([{ advertiseAddr: '10.0.0.2' }]);
  });

  it('puts the engine refusing the address on the address field', async () => {
    const user = userEvent.setup();
    renderWithClient(<InitSwarmDialog onClose={() => undefined} />, (m) =>
      m === 'swarm.addresses'
        ? { addresses: [], suggested: undefined }
        : m === 'swarm.init'
          ? refuse({ kind: 'invalid', field: 'advertiseAddr', message: 'This engine has no address 10.9.9.9.' })
          : undefined,
    );
    await user.type(screen.getByRole('combobox', { name: 'Advertise address' }), '10.9.9.9');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    const field = await screen.findByText('This engine has no address 10.9.9.9.');
    expect(field.closest('.field')?.querySelector('label')?.textContent).toBe('Advertise address');
  });
});

describe('leaving a swarm', () => {
  it('asks once; when the engine wants force, asks a second time before forcing', async () => {
    const user = userEvent.setup();
    let closed = false;
    const r = renderWithClient(<LeaveSwarmDialog status={manager} onClose={() => (closed = true)} />, (m, args) =>
      m === 'swarm.leave' && !(args as { force: boolean }).force
        ? refuse({
            kind: 'conflict',
            field: 'force',
            message: 'This engine is the last manager: leaving loses the swarm.',
          })
        : undefined,
    );
    const first = screen.getByRole('dialog', { name: 'Leave the swarm?' });
    await user.click(within(first).getByRole('button', { name: 'Leave' }));
    const second = await screen.findByRole('dialog', { name: 'Force leaving the swarm?' });
    expect(second.textContent).toMatch(/last manager/);
    expect(second.textContent).toMatch(/It is the only manager/);
    expect(r.callsTo('swarm.leave')).toEqual([{ force: false }]);
    expect(closed).toBe(false);
    await user.click(within(second).getByRole('button', { name: 'Leave anyway (force)' }));
    await waitFor(() => expect(closed).toBe(true));
    expect(r.callsTo('swarm.leave')).toEqual([{ force: false }, { force: true }]);
  });

  it('Cancel on the second question leaves the swarm alone', async () => {
    const user = userEvent.setup();
    let closed = false;
    const r = renderWithClient(<LeaveSwarmDialog status={manager} onClose={() => (closed = true)} />, (m) =>
      m === 'swarm.leave' ? refuse({ kind: 'conflict', field: 'force', message: 'Needs force.' }) : undefined,
    );
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    await screen.findByRole('dialog', { name: 'Force leaving the swarm?' });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(closed).toBe(true);
    expect(r.callsTo('swarm.leave')).toEqual([{ force: false }]);
  });
});

describe('join commands', () => {
  const tokens = { worker: 'SWMTKN-1-worker', manager: 'SWMTKN-1-manager', managerAddr: '10.0.0.2:2377' };

  it('hides the tokens until asked, and asks the server only then', async () => {
    const user = userEvent.setup();
    const r = renderWithClient(<JoinCommands />, (m) => (m === 'swarm.joinTokens' ? tokens : undefined));
    expect(document.body.textContent).not.toMatch(/SWMTKN/);
    expect(r.callsTo('swarm.joinTokens')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Show the worker join command' }));
    const worker = screen.getByRole('group', { name: 'Worker join command' });
    expect(worker.textContent).toMatch('docker swarm join --token SWMTKN-1-worker 10.0.0.2:2377');
    expect(document.body.textContent).not.toMatch(/SWMTKN-1-manager/);
    await user.click(within(worker).getByRole('button', { name: 'Hide' }));
    expect(document.body.textContent).not.toMatch(/SWMTKN/);
  });

  it('rotating a token is confirmed, and then shows the new command', async () => {
    const user = userEvent.setup();
    const r = renderWithClient(<JoinCommands />, (m) =>
      m === 'swarm.rotateToken' ? { ...tokens, manager: 'SWMTKN-1-new' } : undefined,
    );
    await user.click(screen.getByRole('button', { name: 'Rotate the manager join token' }));
    const confirm = screen.getByRole('dialog', { name: 'Rotate the manager join token?' });
    expect(r.callsTo('swarm.rotateToken')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Rotate' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(r.callsTo('swarm.rotateToken')).toEqual([{ role: 'manager' }]);
  });
});
