// @vitest-environment happy-dom
// The page's token: taken from the address once, kept in this tab's sessionStorage, and removed
// from the address bar; a pasted address or token is understood.
import { afterEach, describe, expect, it } from 'vitest';
import { forgetToken, storedToken, takeToken, tokenFromInput } from './web-token';

const token = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0';

afterEach(() => {
  forgetToken();
  window.history.replaceState(null, '', '/');
});

describe('the web token', () => {
  it('moves the token from the address into sessionStorage and out of the address bar, keeping the route', () => {
    window.history.replaceState(null, '', `/?token=${token}#/containers/web/logs`);
    expect(takeToken()).toBe(token);
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/containers/web/logs');
    expect(window.sessionStorage.getItem('berth.token')).toBe(token);
    expect(document.cookie).toBe('');
    // A later load of the same tab without ?token= still has it.
    expect(takeToken()).toBe(token);
  });

  it('keeps other query parameters and drops a token that is not one', () => {
    window.history.replaceState(null, '', '/?x=1&token=%3Cscript%3E');
    expect(takeToken()).toBeUndefined();
    expect(window.location.search).toBe('?x=1');
    expect(storedToken()).toBeUndefined();
  });

  it('understands a pasted token or the whole address berth serve printed', () => {
    expect(tokenFromInput(`  ${token}\n`)).toBe(token);
    expect(tokenFromInput(`http://127.0.0.1:8123/?token=${token}`)).toBe(token);
    expect(tokenFromInput('http://127.0.0.1:8123/')).toBeUndefined();
    expect(tokenFromInput('hello')).toBeUndefined();
    expect(tokenFromInput('')).toBeUndefined();
  });
});
