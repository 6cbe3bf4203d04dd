// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseActions } from './DialogActions';

afterEach(cleanup);

describe('CloseActions', () => {
  it.each([
    [undefined, 'Close'],
    ['Done', 'Done'],
  ])('with label %s has one primary button %s that closes', async (label, name) => {
    let closed = 0;
    render(<CloseActions label={label} onClose={() => (closed += 1)} />);
    const button = screen.getByRole('button', { name });
    expect(button.className).toBe('primary');
    expect(screen.getAllByRole('button')).toHaveLength(1);
    await userEvent.click(button);
    expect(closed).toBe(1);
  });
});
