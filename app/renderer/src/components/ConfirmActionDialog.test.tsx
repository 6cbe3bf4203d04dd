// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useUi } from '../app/ui-store';
import { ConfirmActionDialog } from './ConfirmActionDialog';

afterEach(cleanup);
beforeEach(() => useUi.setState({ toasts: [] }));

const texts = () => useUi.getState().toasts.map((t) => [t.kind, t.text]);

describe('ConfirmActionDialog', () => {
  it('does nothing until confirmed; then acts, says so in a toast and closes', async () => {
    let acted = 0;
    let closed = 0;
    render(
      <ConfirmActionDialog
        title="Roll back web?"
        confirmLabel="Roll back"
        danger={false}
        act={async () => void (acted += 1)}
        said="Rolling back web."
        tone="info"
        onClose={() => (closed += 1)}
      >
        <p>Its tasks go back.</p>
      </ConfirmActionDialog>,
    );
    expect(screen.getByRole('dialog', { name: 'Roll back web?' })).toBeTruthy();
    expect(screen.getByText('Its tasks go back.')).toBeTruthy();
    expect(acted).toBe(0);
    const button = screen.getByRole('button', { name: 'Roll back' });
    expect(button.className).toBe('primary');
    await userEvent.click(button);
    expect(acted).toBe(1);
    expect(texts()).toEqual([['info', 'Rolling back web.']]);
    expect(closed).toBe(1);
  });

  it('shows a refusal in the dialog and stays open; Cancel closes without acting', async () => {
    let closed = 0;
    render(
      <ConfirmActionDialog
        title="Delete pod web?"
        confirmLabel="Delete"
        act={() => Promise.reject(new Error('Could not delete pod web: forbidden by RBAC.'))}
        said="Deleted pod web."
        onClose={() => (closed += 1)}
      >
        <p>It stops.</p>
      </ConfirmActionDialog>,
    );
    const button = screen.getByRole('button', { name: 'Delete' });
    expect(button.className).toBe('danger');
    await userEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not delete pod web: forbidden by RBAC.');
    expect(texts()).toEqual([]);
    expect(closed).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(closed).toBe(1);
  });
});
