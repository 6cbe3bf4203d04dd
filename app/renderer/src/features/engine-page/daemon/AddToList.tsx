// A small form beside the editor: add a registry mirror or an insecure registry to the edited text.
import { useId, useState } from 'react';
import { addToList, LIST_SETTINGS, type ListSetting } from './add-to-list';

export function AddToList({ text, onChange }: { text: string; onChange(text: string): void }) {
  const id = useId();
  const [key, setKey] = useState<ListSetting>('registry-mirrors');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const setting = LIST_SETTINGS.find((s) => s.key === key)!;
  const add = () => {
    const r = addToList(text, key, value);
    if ('error' in r) return setError(r.error);
    setError(undefined);
    setValue('');
    onChange(r.text);
  };
  return (
    <div className="daemon-add" role="group" aria-label="Add to a list">
      <select aria-label="Setting to add to" value={key} onChange={(e) => setKey(e.target.value as ListSetting)}>
        {LIST_SETTINGS.map((s) => (
          <option key={s.key} value={s.key}>
            {s.label}
          </option>
        ))}
      </select>
      <input
        aria-label={setting.label}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        placeholder={setting.like}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }}
      />
      <button type="button" onClick={add}>
        Add
      </button>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
