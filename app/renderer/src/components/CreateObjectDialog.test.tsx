// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateVolumeDialog } from '../features/volumes/VolumeDialogs';
import { refusal, renderWithClient } from '../test-support/render';

afterEach(cleanup);

describe('CreateObjectDialog', () => {
  it('shows nothing before Create; then the form’s own problem at its field, and sends nothing', async () => {
    const user = userEvent.setup();
    const r = renderWithClient(<CreateVolumeDialog onClose={() => undefined} />);
    expect(screen.queryByRole('alert')).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), '-bad');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByRole('alert').textContent).toMatch(/starts with a letter or digit/);
    expect(r.callsTo('volumes.create')).toEqual([]);
  });

  it('a name that exists: the refusal at the name, then Escape still works with focus on <body>', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    let answer!: () => void;
    renderWithClient(<CreateVolumeDialog onClose={onClose} />, (method) =>
      method === 'volumes.create'
        ? new Promise((_, reject) => {
            answer = () =>
              reject(
                refusal({ kind: 'conflict', message: 'Could not create volume "data": that name is already in use.' }),
              );
          })
        : undefined,
    );
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'data');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    // busy: Create is disabled, and a browser moves focus from it to <body>
    expect(screen.getByRole('button', { name: 'Create' }).hasAttribute('disabled')).toBe(true);
    answer();
    await screen.findByRole('alert');
    expect(screen.getByRole('textbox', { name: 'Name' }).closest('.field')?.textContent).toMatch(/already in use/);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    // what was typed is not thrown away unasked
    expect(screen.getByRole('button', { name: 'Keep editing' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  });
});
