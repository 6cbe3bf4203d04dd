// @vitest-environment happy-dom
// The Edit tab: what will change shows as the user types; a change that recreates asks first (what is
// lost, what is kept); an in-place change applies at once; the engine's refusal shows at its field.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerEditSpec, ContainerSummary } from '../../../../../../shared/contract';
import { renderWithClient } from '../../../../test/scripted-client';
import { EditTab } from './EditTab';

afterEach(cleanup);

const container: ContainerSummary = {
  id: 'abc123',
  name: 'web',
  image: 'nginx:1',
  imageId: 'sha256:1',
  command: 'nginx',
  created: 1,
  state: 'running',
  status: 'Up 1 minute',
  ports: [],
  labels: {},
  networks: ['bridge'],
  mounts: [],
};

const spec: ContainerEditSpec = {
  command: ['nginx', '-g', 'daemon off;'],
  env: ['A=1'],
  ports: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
  volumes: [{ source: 'web-data', target: '/data', readOnly: false }],
  network: 'bridge',
  restart: 'no',
  labels: { tier: 'front' },
  memory: 0,
  cpus: 0,
};

async function open() {
  const r = renderWithClient(<EditTab container={container} />);
  await act(async () => r.reply('containers.editSpec', spec));
  await waitFor(() => r.reply('networks.list', []));
  return r;
}

describe('EditTab', () => {
  it('shows the current settings, and nothing to change yet', async () => {
    await open();
    expect((screen.getByLabelText('Command') as HTMLInputElement).value).toBe("nginx -g 'daemon off;'");
    expect((screen.getByLabelText('Host port 1') as HTMLInputElement).value).toBe('8080');
    expect(screen.getByText(/Nothing changes yet/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Apply changes' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('a new host port: the change is listed, a recreate is confirmed with what is lost and kept, then sent', async () => {
    const r = await open();
    fireEvent.change(screen.getByLabelText('Host port 1'), { target: { value: '9090' } });
    const summary = screen.getByRole('region', { name: 'What will change' });
    const ports = within(summary).getByRole('listitem', { name: 'Published ports' });
    expect(ports.textContent).toContain('removed: 8080 → 80/tcp');
    expect(ports.textContent).toContain('added: 9090 → 80/tcp');
    expect(within(summary).getByRole('note').textContent).toMatch(/writable layer/);
    expect(within(summary).getByRole('note').textContent).toMatch(/Kept:.*web-data/);
    fireEvent.click(screen.getByRole('button', { name: 'Recreate with these settings…' }));
    const dialog = screen.getByRole('dialog', { name: 'Recreate web?' });
    expect(r.sent.some((f) => f.method === 'containers.edit')).toBe(false);
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Recreate web' })));
    const sent = r.sent.find((f) => f.method === 'containers.edit');
    expect(sent?.args).toMatchObject({
      id: 'abc123',
      spec: {
        ports: [{ containerPort: 80, hostPort: 9090, protocol: 'tcp' }],
        command: ['nginx', '-g', 'daemon off;'],
      },
    });
  });

  it('a restart policy change applies in place at once, without asking', async () => {
    const r = await open();
    fireEvent.change(screen.getByLabelText('Restart policy'), { target: { value: 'always' } });
    expect(screen.getByRole('listitem', { name: 'Restart policy' }).textContent).toMatch(/\(in place\)/);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Apply changes' })));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(r.sent.find((f) => f.method === 'containers.edit')?.args).toMatchObject({ spec: { restart: 'always' } });
  });

  it("shows the engine's refusal at the field it names", async () => {
    const r = await open();
    fireEvent.change(screen.getByLabelText('CPU limit (CPUs)'), { target: { value: '2' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Apply changes' })));
    await act(async () =>
      r.fail('containers.edit', {
        kind: 'invalid',
        field: 'cpus',
        message: 'Could not change the settings: too many CPUs.',
      }),
    );
    const field = screen.getByLabelText('CPU limit (CPUs)').closest('.field')!;
    expect(within(field as HTMLElement).getByRole('alert').textContent).toBe(
      'Could not change the settings: too many CPUs.',
    );
  });

  it('refuses a bad memory limit at its field before anything is sent', async () => {
    const r = await open();
    fireEvent.change(screen.getByLabelText('Memory limit (MiB)'), { target: { value: '2' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Settings of web' }));
    expect(await screen.findByText(/Give the memory limit in MiB, from 6/)).toBeTruthy();
    expect(r.sent.some((f) => f.method === 'containers.edit')).toBe(false);
  });
});
