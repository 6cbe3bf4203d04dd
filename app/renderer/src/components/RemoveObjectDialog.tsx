// Removing an engine object (a volume, a network), only once confirmed: the engine's refusal shows in
// the dialog, success is said in a toast and closes it.
import type { ReactNode } from 'react';
import { ConfirmActionDialog } from './ConfirmActionDialog';

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
  return (
    <ConfirmActionDialog
      title={`Remove ${noun} ${name}?`}
      confirmLabel="Remove"
      act={remove}
      said={`Removed ${noun} ${name}.`}
      onClose={onClose}
    >
      {children}
    </ConfirmActionDialog>
  );
}
