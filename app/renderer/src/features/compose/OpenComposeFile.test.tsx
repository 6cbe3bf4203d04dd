// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithClient } from '../../test/scripted-client';
import { useComposeUi } from './compose-store';
import { OpenComposeFile } from './OpenComposeFile';

afterEach(() => {
  cleanup();
  useComposeUi.setState({ filePath: '', projectName: '' });
  location.hash = '';
});

describe('OpenComposeFile', () => {
  it('opens a chosen file in the editor under the name compose derives, or the one given', async () => {
    renderWithClient(<OpenComposeFile />);
    await userEvent.type(screen.getByLabelText('Compose file path'), '/srv/My Shop/compose.yaml');
    await userEvent.click(screen.getByRole('button', { name: 'Open in editor' }));
    expect(location.hash).toBe('#/compose/~edit/myshop/%2Fsrv%2FMy%20Shop%2Fcompose.yaml');
    await userEvent.type(screen.getByLabelText('Project name (optional)'), 'shop2');
    await userEvent.click(screen.getByRole('button', { name: 'Open in editor' }));
    expect(location.hash).toBe('#/compose/~edit/shop2/%2Fsrv%2FMy%20Shop%2Fcompose.yaml');
  });

  it('refuses a relative path or a folder compose cannot name, before anything is asked', async () => {
    const t = renderWithClient(<OpenComposeFile />);
    await userEvent.type(screen.getByLabelText('Compose file path'), 'compose.yaml');
    await userEvent.click(screen.getByRole('button', { name: 'Open in editor' }));
    expect(screen.getByRole('alert').textContent).toContain('The path must be absolute');
    await userEvent.clear(screen.getByLabelText('Compose file path'));
    await userEvent.type(screen.getByLabelText('Compose file path'), '/compose.yaml');
    await userEvent.click(screen.getByRole('button', { name: 'Open in editor' }));
    expect(screen.getByRole('alert').textContent).toContain('Give a project name');
    expect(t.sent.filter((r) => r.method.startsWith('compose.'))).toEqual([]);
  });
});
