// @vitest-environment happy-dom
// The terminal's keyboard way out, on the real key handling of the view (no xterm here: no session
// is open, so the view only frames an empty terminal area).
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalView } from './TerminalView';

afterEach(cleanup);

function Tab() {
  return (
    <div className="term-tab">
      <button type="button">New terminal</button>
      <div role="tablist" aria-label="Terminal sessions">
        <button type="button" role="tab" aria-selected="true">
          Session 1
        </button>
      </div>
      <TerminalView sessionKey="none" label="Terminal of web, session 1" />
    </div>
  );
}

describe('TerminalView', () => {
  it('tells screen readers (and shows) that keys go to the shell and how to leave', () => {
    render(<Tab />);
    const term = screen.getByRole('group', { name: 'Terminal of web, session 1' });
    const hint = document.getElementById(term.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toMatch(/Keys go to the shell, Tab and Escape too\. Ctrl\+Shift\+E leaves the terminal/);
  });

  it('moves focus to the selected session tab on Ctrl+Shift+E, and lets Tab and Escape through to the shell', () => {
    render(<Tab />);
    const term = screen.getByRole('group', { name: 'Terminal of web, session 1' });
    const input = document.createElement('textarea'); // where xterm takes keys
    term.appendChild(input);
    input.focus();
    const tab = fireEvent.keyDown(input, { key: 'Tab' });
    const esc = fireEvent.keyDown(input, { key: 'Escape' });
    expect(tab && esc).toBe(true); // not prevented: xterm sends them on
    expect(document.activeElement).toBe(input);
    const leave = fireEvent.keyDown(input, { key: 'E', ctrlKey: true, shiftKey: true });
    expect(leave).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Session 1' }));
  });
});
