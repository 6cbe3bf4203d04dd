// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Toasts } from './Toasts';
import { useUi } from './ui-store';

afterEach(() => {
  cleanup();
  useUi.setState({ toasts: [] });
});

describe('Toasts', () => {
  it('says an error as an alert, with its whole text in a wrapping box beside a dismiss button', () => {
    const long = `Could not pause web-frontend: the container is already paused. ${'x'.repeat(400)}`;
    render(<Toasts />);
    act(() => useUi.getState().toast('error', long));
    const alert = screen.getByRole('alert');
    const text = alert.querySelector('.toast-text')!;
    expect(text.textContent).toBe(long);
    // The text is its own flexible box; the button is a sibling that keeps its size.
    expect(text.nextElementSibling).toBe(screen.getByRole('button', { name: 'Dismiss' }));
  });

  it('a success is not an alert, and Dismiss removes it', async () => {
    render(<Toasts />);
    act(() => useUi.getState().toast('success', '3 containers stopped.'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('3 containers stopped.')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('3 containers stopped.')).toBeNull();
  });
});
