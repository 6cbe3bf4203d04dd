// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecentComposeProject } from '../../../../../shared/contract/areas/compose-files';
import { renderWithClient } from '../../../test/scripted-client';
import { RecentProjects } from './RecentProjects';

const shop: RecentComposeProject = { project: 'shop', files: ['/srv/shop/compose.yml'], opened: 2, filesPresent: true };
const gone: RecentComposeProject = { project: 'old', files: ['/srv/old/compose.yml'], opened: 1, filesPresent: false };

afterEach(cleanup);

describe('RecentProjects', () => {
  it('links each project with its files to the editor, says when its file is gone, and forgets one', async () => {
    const t = renderWithClient(<RecentProjects />);
    await act(async () => t.reply('compose.recent', [shop, gone]));
    const link = await screen.findByRole('link', { name: 'Open shop in the editor' });
    expect(link.getAttribute('href')).toBe('#/compose/~edit/shop/%2Fsrv%2Fshop%2Fcompose.yml');
    expect(screen.queryByRole('link', { name: 'Open old in the editor' })).toBeNull();
    expect(screen.getByText('file gone: /srv/old/compose.yml')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Forget old' }));
    expect(t.sent.find((r) => r.method === 'compose.forget')?.args).toEqual({ project: 'old' });
    await act(async () => t.reply('compose.forget', [shop]));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Forget old' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Forget shop' })).toBeTruthy();
  });

  it('shows nothing when no project was opened yet', async () => {
    const t = renderWithClient(<RecentProjects />);
    await act(async () => t.reply('compose.recent', []));
    expect(screen.queryByRole('region', { name: 'Recent projects' })).toBeNull();
  });
});
