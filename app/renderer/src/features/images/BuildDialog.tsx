// Build an image from a context folder and a Dockerfile on the server's disk; the log streams live
// and a failure names the step.
import { useState } from 'react';
import { buildSpec } from '../../../../shared/contract/areas/images';
import { useClient } from '../../api/hooks';
import { DialogForm, TextField } from '../../components/forms';
import { ErrorText, Field } from '../../components/kit';
import { TaskDialog } from '../../components/TaskDialog';
import { useStart } from '../../components/use-start';

interface Form {
  context: string;
  dockerfile: string;
  tag: string;
  args: string;
  noCache: boolean;
}

function toSpec(f: Form) {
  return {
    context: f.context.trim(),
    dockerfile: f.dockerfile.trim() || 'Dockerfile',
    ...(f.tag.trim() ? { tag: f.tag.trim() } : {}),
    buildArgs: f.args
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    noCache: f.noCache,
  };
}

function problems(f: Form): Record<string, string> {
  const r = buildSpec.safeParse(toSpec(f));
  const out: Record<string, string> = {};
  if (!r.success) for (const i of r.error.issues) out[String(i.path[0])] ??= i.message;
  return out;
}

export function BuildDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const [f, setF] = useState<Form>({ context: '', dockerfile: 'Dockerfile', tag: '', args: '', noCache: false });
  const [touched, setTouched] = useState(false);
  const s = useStart();
  const errs = touched ? problems(f) : {};
  const err = (k: string) =>
    errs[k] ?? (s.error?.field?.split('.')[0] === (k === 'tag' ? 'tags' : k) ? s.error.message : undefined);
  const set = (k: keyof Form, v: string | boolean) => setF({ ...f, [k]: v });
  // A text field's value, change and error.
  const text = (k: 'context' | 'dockerfile' | 'tag') => ({
    value: f[k],
    onChange: (v: string) => set(k, v),
    error: err(k),
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(problems(f)).length) return;
    void s.run(() => client.request('images.build', toSpec(f)));
  };
  const general =
    s.error && !['context', 'dockerfile', 'tags', 'buildArgs'].includes(s.error.field?.split('.')[0] ?? '')
      ? s.error.message
      : undefined;
  return (
    <TaskDialog
      title="Build an image"
      wide
      task={s.task}
      again={{ label: 'Edit and build again', onClick: s.reset }}
      onClose={onClose}
    >
      <DialogForm submitLabel={s.busy ? 'Starting…' : 'Build'} busy={s.busy} onSubmit={submit} onCancel={onClose}>
        <TextField
          id="build-context"
          label="Context folder"
          placeholder="/home/me/project"
          hint="An absolute folder path on the machine the engine's Berth runs on."
          {...text('context')}
        />
        <div className="field-row">
          <TextField id="build-dockerfile" label="Dockerfile" {...text('dockerfile')} />
          <TextField id="build-tag" label="Tag (optional)" placeholder="myapp:dev" {...text('tag')} />
        </div>
        <Field id="build-args" label="Build arguments (optional, one NAME=value per line)" error={err('buildArgs')}>
          <textarea
            id="build-args"
            rows={3}
            value={f.args}
            spellCheck={false}
            onChange={(e) => set('args', e.target.value)}
          />
        </Field>
        <label className="checkbox-line">
          <input type="checkbox" checked={f.noCache} onChange={(e) => set('noCache', e.target.checked)} /> Build without
          the cache
        </label>
        <ErrorText message={general} />
      </DialogForm>
    </TaskDialog>
  );
}
