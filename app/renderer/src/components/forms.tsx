// The pieces of a dialog's form: a labelled text input (and one checked by a schema), and the
// form itself with its Cancel and submit buttons (the submit held while busy).
import { useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { firstIssue } from '../../../shared/rules';
import { Field } from './kit';

/** A labelled text input (no spell checking: names, paths, references) with its error or hint. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  ...input
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input {...input} id={id} value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

/**
 * A dialog's form: its fields, then Cancel and the submit button, which stays disabled while busy.
 * Berth checks the fields itself (so the browser's own validation is off).
 */
export function DialogForm({
  submitLabel,
  busy,
  canSubmit = true,
  onSubmit,
  onCancel,
  children,
}: {
  submitLabel: string;
  busy: boolean;
  canSubmit?: boolean;
  onSubmit(e: FormEvent): void;
  onCancel(): void;
  children: ReactNode;
}) {
  return (
    <form className="form-stack" onSubmit={onSubmit} noValidate>
      {children}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || !canSubmit}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/**
 * One text input whose trimmed value a schema checks (an image reference, a tar path): the problem
 * shows once the form has been submitted, else the engine's refusal.
 */
export function useCheckedText(schema: { safeParse(value: string): Parameters<typeof firstIssue>[0] }, initial = '') {
  const [value, setValue] = useState(initial);
  const [touched, setTouched] = useState(false);
  const trimmed = value.trim();
  const problem = firstIssue(schema.safeParse(trimmed));
  const shown = touched ? problem : undefined;
  return {
    trimmed,
    /** The problem, once the form has been submitted. */
    shown,
    /** On submit: shows the problem, if any, and says whether the value may go. */
    check: () => {
      setTouched(true);
      return !problem;
    },
    reset: () => {
      setValue(initial);
      setTouched(false);
    },
    /** The TextField's value, change and error. */
    field: (refusal: string | undefined) => ({ value, onChange: setValue, error: shown ?? refusal }),
  };
}
