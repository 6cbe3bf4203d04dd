// Create a secret or a config from typed text or from a file (read here, sent once as base64). A
// secret's value leaves this dialog with the request and is never shown again: the engine does not
// return it, and Berth keeps it nowhere.
import { useState } from 'react';
import { SWARM_DATA_MAX_BYTES, swarmDataName } from '../../../../shared/contract/areas/swarm';
import { firstIssue } from '../../../../shared/rules';
import { useClient } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { Dialog } from '../../components/Dialog';
import { DialogForm, TextField } from '../../components/forms';
import { Field } from '../../components/kit';
import { useStart } from '../../components/use-start';

export type DataKind = 'secret' | 'config';

/** Bytes as base64, in chunks (a 500 KB file in one String.fromCharCode call would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;

export function CreateDataDialog({ kind, onClose }: { kind: DataKind; onClose(): void }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [name, setName] = useState('');
  const [from, setFrom] = useState<'text' | 'file'>('text');
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array }>();
  const [submitted, setSubmitted] = useState(false);
  const s = useStart();
  const bytes = from === 'text' ? utf8(text) : file?.bytes;
  const problems = {
    name: firstIssue(swarmDataName.safeParse(name.trim())),
    value: !bytes?.length
      ? from === 'text'
        ? 'Type the value.'
        : 'Choose a file.'
      : bytes.length > SWARM_DATA_MAX_BYTES
        ? `Swarm keeps at most ${kb(SWARM_DATA_MAX_BYTES)}; this is ${kb(bytes.length)}.`
        : undefined,
  };
  const shown = (k: 'name' | 'value') =>
    (submitted ? problems[k] : undefined) ??
    (s.error && (k === 'name') === (s.error.field === 'name' || !s.error.field) ? s.error.message : undefined);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (problems.name || problems.value || !bytes) return;
    const created = await s.run(() =>
      client.request(kind === 'secret' ? 'secrets.create' : 'configs.create', {
        name: name.trim(),
        data: toBase64(bytes),
      }),
    );
    if (!created) return;
    setText('');
    setFile(undefined);
    toast(
      'success',
      kind === 'secret'
        ? `Created secret ${created.name}. Its value is not shown again.`
        : `Created config ${created.name}.`,
    );
    onClose();
  };

  return (
    <Dialog title={`Create a ${kind}`} onClose={onClose}>
      <DialogForm submitLabel="Create" busy={s.busy} onSubmit={(e) => void submit(e)} onCancel={onClose}>
        <TextField
          id="data-name"
          label="Name"
          value={name}
          onChange={setName}
          error={shown('name')}
          autoComplete="off"
        />
        <fieldset className="plain">
          <legend className="visually-hidden">Value from</legend>
          <label className="inline">
            <input type="radio" name="data-from" checked={from === 'text'} onChange={() => setFrom('text')} /> Type the
            value
          </label>{' '}
          <label className="inline">
            <input type="radio" name="data-from" checked={from === 'file'} onChange={() => setFrom('file')} /> From a
            file
          </label>
        </fieldset>
        {from === 'text' ? (
          <Field
            id="data-value"
            label="Value"
            error={shown('value')}
            hint={kind === 'secret' ? 'Sent once; Berth never shows it again.' : undefined}
          >
            <textarea
              id="data-value"
              className="mono"
              rows={4}
              value={text}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setText(e.target.value)}
            />
          </Field>
        ) : (
          <Field
            id="data-file"
            label="File"
            error={shown('value')}
            hint={file ? `${file.name}, ${kb(file.bytes.length)}` : undefined}
          >
            <input
              id="data-file"
              type="file"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                setFile(f ? { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) } : undefined);
              }}
            />
          </Field>
        )}
      </DialogForm>
    </Dialog>
  );
}
