// @vitest-environment happy-dom
// The sign-in screen: says what to do, checks a pasted token or address, and says why it refused.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetToken, storedToken } from '../api/web-token';
import { SignIn } from './SignIn';

const token = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0';

afterEach(() => {
  cleanup();
  forgetToken();
});

describe('SignIn', () => {
  it('tells a page without a token what to do', () => {
    render(<SignIn reason="missing" />);
    expect(screen.getByRole('heading', { name: 'Sign in to Berth' })).toBeTruthy();
    expect(screen.getByRole('main', { name: 'Sign in to Berth' }).textContent).toMatch(
      /Open the address berth serve printed/,
    );
    expect(screen.getByRole('button', { name: 'Sign in' }).hasAttribute('disabled')).toBe(true);
  });

  it('says why when the token stopped working', () => {
    render(<SignIn reason="refused" />);
    expect(screen.getByText(/no longer accepts this page’s token/)).toBeTruthy();
  });

  it('signs in with a pasted address once the server accepts its token', async () => {
    const check = vi.fn().mockResolvedValue('accepted');
    const onSignedIn = vi.fn();
    render(<SignIn reason="missing" check={check} onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText('Token or address'), `http://127.0.0.1:9/?token=${token}`);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(check).toHaveBeenCalledWith(token);
    expect(onSignedIn).toHaveBeenCalled();
    expect(storedToken()).toBe(token);
  });

  it('refuses what is not a token, and a token the server refuses, with a sentence each', async () => {
    const check = vi.fn().mockResolvedValue('refused');
    const onSignedIn = vi.fn();
    render(<SignIn reason="missing" check={check} onSignedIn={onSignedIn} />);
    const field = screen.getByLabelText('Token or address');
    await userEvent.type(field, 'not a token');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toMatch(/neither a token nor an address/);
    expect(check).not.toHaveBeenCalled();
    await userEvent.clear(field);
    await userEvent.type(field, token);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toMatch(/does not accept that token/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(storedToken()).toBeUndefined();
  });
});
