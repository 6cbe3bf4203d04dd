// A radio button or checkbox on a line of its own, its label after it.
import type { InputHTMLAttributes } from 'react';

export function CheckLine({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="checkbox-line">
      <input {...input} />
      {label}
    </label>
  );
}
