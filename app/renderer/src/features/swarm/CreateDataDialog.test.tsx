// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { useUi } from '../../app/ui-store';
import { renderWithClient } from '../../test-support/render';
import { CreateDataDialog, toBase64 } from './CreateDataDialog';

afterEach(cleanup);

describe('creating a secret', () => {
  it('sends the value once, as base64, and never shows it again', async () => {
    const user = userEvent.setup();
    let closed = false;
    const r = renderWithClient(<CreateDataDialog kind="secret" onClose={() => (closed = true)} />, (m) =>
      m === 'secrets.create' ? { id: 's1', name: 'db-password' } : undefined,
    );
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'db-password');
    await user.type(screen.getByRole('textbox', { name: 'Value' }), 'hunter2 ✓');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(closed).toBe(true));
    expect(r.callsTo('secrets.create')).toEqual([
      { name: 'db-password', data: toBase64(new TextEncoder().encode('hunter2 ✓')) },
    ]);
    const toasts = useUi.getState().toasts.map((t) => t.text);
    expect(toasts.join(' ')).toMatch('Created secret db-password. Its value is not shown again.');
    expect(toasts.join(' ')).not.toMatch('hunter2');
  });

  it('refuses an empty value and a bad name before the engine', async () => {
    const user = userEvent.setup();
    const r = renderWithClient(<CreateDataDialog kind="config" onClose={() => undefined} />);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'bad name!');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      expect.stringMatching(/name/i),
      'Type the value.',
    ]);
    expect(r.callsTo('configs.create')).toEqual([]);
  });

  it('base64 of a large file does not overflow the stack', () => {
    const bytes = new Uint8Array(400_000).fill(65);
    expect(atob(toBase64(bytes))).toHaveLength(400_000);
  });
});
