// Creating an engine object (a volume, a network) from a small form. The form's own checks show once
// it has been submitted; a refusal from the engine shows at the field it names (at the name when it
// names none); success is said in a toast and closes the dialog.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { useUi } from '../app/ui-store';
import { Dialog } from './Dialog';
import { DialogForm } from './forms';
import { useStart } from './use-start';

export function CreateObjectDialog<T>({
  noun,
  checked,
  create,
  onClose,
  children,
}: {
  /** "volume": the dialog is "Create a volume", the toast "Created volume data.". */
  noun: string;
  /** The form's values as the request's schema reads them. */
  checked: z.ZodSafeParseResult<T>;
  create(spec: T): Promise<{ name: string }>;
  onClose(): void;
  /** The fields, given the error to show at each. */
  children(errorOf: (field: string) => string | undefined): ReactNode;
}) {
  const toast = useUi((s) => s.toast);
  const [touched, setTouched] = useState(false);
  const s = useStart();
  const errorOf = (field: string) =>
    (touched && !checked.success ? checked.error.issues.find((i) => i.path[0] === field)?.message : undefined) ??
    (s.error && (s.error.field === field || (!s.error.field && field === 'name')) ? s.error.message : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!checked.success) return;
    const r = await s.run(() => create(checked.data));
    if (r) {
      toast('success', `Created ${noun} ${r.name}.`);
      onClose();
    }
  };
  return (
    <Dialog title={`Create a ${noun}`} onClose={onClose}>
      <DialogForm submitLabel="Create" busy={s.busy} onSubmit={(e) => void submit(e)} onCancel={onClose}>
        {children(errorOf)}
      </DialogForm>
    </Dialog>
  );
}
