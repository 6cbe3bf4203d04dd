// An action done only once confirmed (a rollback, a restart, a delete): the dialog says what it means,
// the button runs it; a refusal shows in the dialog, success is said in a toast and closes it.
import type { ReactNode } from 'react';
import { useUi, type Toast } from '../app/ui-store';
import { ConfirmDialog } from './Dialog';
import { useStart } from './use-start';

export function ConfirmActionDialog({
  act,
  said,
  tone = 'success',
  ...dialog
}: {
  title: string;
  confirmLabel: string;
  /** A red button (the default) for what destroys; a plain one for what only changes. */
  danger?: boolean;
  act(): Promise<unknown>;
  /** The toast once done. */
  said: string;
  tone?: Toast['kind'];
  onClose(): void;
  /** What the action means. */
  children: ReactNode;
}) {
  const toast = useUi((u) => u.toast);
  const s = useStart();
  const confirm = async () => {
    if (!(await s.run(() => act().then(() => true)))) return;
    toast(tone, said);
    dialog.onClose();
  };
  return <ConfirmDialog {...dialog} busy={s.busy} error={s.error?.message} onConfirm={() => void confirm()} />;
}
