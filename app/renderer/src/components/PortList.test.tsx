// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PortMapping } from '../../../shared/contract';
import { PortList } from './PortList';

afterEach(cleanup);

const tcp = (hostPort: number, containerPort: number, hostIp = '0.0.0.0'): PortMapping => ({
  hostPort,
  containerPort,
  hostIp,
  protocol: 'tcp',
});

describe('PortList', () => {
  it('shows each binding once, TCP as links and UDP labelled without a link', () => {
    render(
      <PortList
        owner="web"
        ports={[tcp(18101, 81), tcp(18101, 81, '::'), { hostPort: 5353, containerPort: 53, protocol: 'udp' }]}
      />,
    );
    expect(screen.getByRole('link', { name: 'Open http://localhost:18101' }).textContent).toBe('18101:81');
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(screen.getByText('5353:53').textContent).toBe('5353:53UDP');
  });

  it('puts the rest behind "+N", which opens every port', async () => {
    const ports = [tcp(18101, 81), tcp(18101, 81, '::'), tcp(18102, 82), tcp(18104, 84), tcp(18106, 86, '127.0.0.1')];
    render(<PortList owner="web" ports={ports} max={2} />);
    const more = screen.getByRole('button', { name: 'All 4 ports of web' });
    expect(more.textContent).toBe('+3');
    await userEvent.setup().click(more);
    const menu = screen.getByRole('menu', { name: 'Ports of web' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['18101:81', '18102:82', '18104:84', '127.0.0.1:18106:86']);
    expect(within(menu).getByRole('menuitem', { name: '127.0.0.1:18106:86' }).getAttribute('href')).toBe(
      'http://127.0.0.1:18106',
    );
  });

  it('says nothing is published with a dash', () => {
    render(<PortList owner="db" ports={[{ containerPort: 5432, protocol: 'tcp' }]} />);
    expect(screen.getByText('—')).toBeTruthy();
  });
});
