// The parts the settings cards are made of: a card (a fieldset with its legend), and a radio button
// or checkbox on a line of its own, its label after it.
import type { InputHTMLAttributes, ReactNode } from 'react';

export function SettingsCard({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="card">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

export function CheckLine({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="checkbox-line">
      <input {...input} />
      {label}
    </label>
  );
}
