// Removing an engine object (a volume, a network), only once confirmed: the engine's refusal shows in
// the dialog, success is said in a toast and closes it.
import type { ReactNode } from 'react';
import { useUi } from '../app/ui-store';
import { ConfirmDialog } from './Dialog';
import { useStart } from './use-start';

export function RemoveObjectDialog({
  noun,
  name,
  remove,
  onClose,
  children,
}: {
  /** "volume": the dialog is "Remove volume data?", the toast "Removed volume data.". */
  noun: string;
  name: string;
  remove(): Promise<unknown>;
  onClose(): void;
  /** What removing it means, and what stands in the way. */
  children: ReactNode;
}) {
  const toast = useUi((s) => s.toast);
  const s = useStart();
  const confirm = async () => {
    const ok = await s.run(async () => {
      await remove();
      return true;
    });
    if (ok) {
      toast('success', `Removed ${noun} ${name}.`);
      onClose();
    }
  };
  return (
    <ConfirmDialog
      title={`Remove ${noun} ${name}?`}
      confirmLabel="Remove"
      busy={s.busy}
      error={s.error?.message}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      {children}
    </ConfirmDialog>
  );
}
