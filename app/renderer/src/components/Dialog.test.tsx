// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';

afterEach(cleanup);

function Form({ busy = false }: { busy?: boolean }) {
  return (
    <form>
      <input aria-label="Name" />
      <button type="button">Cancel</button>
      <button type="submit" disabled={busy}>
        Create
      </button>
    </form>
  );
}

/** The dialog with its form, on its own. */
const renderForm = (onClose: () => void) =>
  render(
    <Dialog title="Create a volume" onClose={onClose}>
      <Form />
    </Dialog>,
  );

/** A page with a button that opens the dialog, so focus has somewhere to return to. */
function Page({ children, onClose }: { children: (close: () => void) => React.ReactNode; onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    onClose?.();
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && children(close)}
    </>
  );
}

describe('Dialog', () => {
  it('puts focus on its first field, keeps Tab and Shift+Tab inside, and returns focus on Escape', async () => {
    const user = userEvent.setup();
    render(
      <Page>
        {(close) => (
          <Dialog title="Create a volume" onClose={close}>
            <Form />
          </Dialog>
        )}
      </Page>,
    );
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Create' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Create' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Open' }));
  });

  it('still hears Escape once focus has fallen to <body> (the focused button was disabled while busy)', async () => {
    const onClose = vi.fn();
    const { rerender } = render(
      <Dialog title="Create a volume" onClose={onClose}>
        <Form />
      </Dialog>,
    );
    screen.getByRole('button', { name: 'Create' }).focus();
    rerender(
      <Dialog title="Create a volume" onClose={onClose}>
        <Form busy />
      </Dialog>,
    );
    // A browser moves focus from a button it disables to <body>, so the key's target is <body>, outside the dialog.
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('brings focus back inside on Tab once it has fallen to <body>', async () => {
    const user = userEvent.setup();
    render(
      <Dialog title="Create a volume" onClose={() => undefined}>
        <Form />
      </Dialog>,
    );
    (document.activeElement as HTMLElement).blur();
    await user.tab();
    expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true);
  });

  it('gives Escape to the topmost dialog only', async () => {
    const user = userEvent.setup();
    const outer = vi.fn();
    const inner = vi.fn();
    render(
      <>
        <Dialog title="Outer" onClose={outer}>
          <p>outer</p>
        </Dialog>
        <Dialog title="Inner" onClose={inner}>
          <button type="button">Inside</button>
        </Dialog>
      </>,
    );
    await user.keyboard('{Escape}');
    expect(inner).toHaveBeenCalledTimes(1);
    expect(outer).not.toHaveBeenCalled();
  });

  it('closes on a click outside while nothing was typed', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderForm(onClose);
    await user.click(document.querySelector('.modal-backdrop')!);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('asks before a click outside or Escape throws a filled form away', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderForm(onClose);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'data');
    await user.click(document.querySelector('.modal-backdrop')!);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/throw away what you entered/);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep editing' }));
    await user.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('data');
    // Escape asks too; Escape again keeps editing; Discard closes
    await user.keyboard('{Escape}');
    expect(screen.getByRole('alert')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('the close button and an explicit dirty={false} close at once', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(
      <Dialog title="Inspect" onClose={onClose} dirty={false}>
        <Form />
      </Dialog>,
    );
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'filter');
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
