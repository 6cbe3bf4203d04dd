// Build an image from a context folder and a Dockerfile on the server's disk; the log streams live
// and a failure names the step.
import { useState } from 'react';
import { buildSpec } from '../../../../shared/contract/areas/images';
import { useClient } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { Field, TaskView, useTask } from '../../components/kit';
import { useStart } from './use-start';

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
  const live = useTask(s.task?.id);
  const errs = touched ? problems(f) : {};
  const err = (k: string) =>
    errs[k] ?? (s.error?.field?.split('.')[0] === (k === 'tag' ? 'tags' : k) ? s.error.message : undefined);
  const set = (k: keyof Form, v: string | boolean) => setF({ ...f, [k]: v });
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
    <Dialog title="Build an image" onClose={onClose} wide>
      {!s.task ? (
        <form className="form-stack" onSubmit={submit} noValidate>
          <Field
            id="build-context"
            label="Context folder"
            error={err('context')}
            hint="An absolute folder path on the machine the engine's Berth runs on."
          >
            <input
              id="build-context"
              value={f.context}
              spellCheck={false}
              placeholder="/home/me/project"
              onChange={(e) => set('context', e.target.value)}
            />
          </Field>
          <div className="field-row">
            <Field id="build-dockerfile" label="Dockerfile" error={err('dockerfile')}>
              <input
                id="build-dockerfile"
                value={f.dockerfile}
                spellCheck={false}
                onChange={(e) => set('dockerfile', e.target.value)}
              />
            </Field>
            <Field id="build-tag" label="Tag (optional)" error={err('tag')}>
              <input
                id="build-tag"
                value={f.tag}
                spellCheck={false}
                placeholder="myapp:dev"
                onChange={(e) => set('tag', e.target.value)}
              />
            </Field>
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
            <input type="checkbox" checked={f.noCache} onChange={(e) => set('noCache', e.target.checked)} /> Build
            without the cache
          </label>
          {general && (
            <p className="error-text" role="alert">
              {general}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={s.busy}>
              {s.busy ? 'Starting…' : 'Build'}
            </button>
          </div>
        </form>
      ) : (
        <>
          <TaskView id={s.task.id} initial={s.task} />
          <div className="dialog-actions">
            {live && live.state !== 'running' && (
              <button type="button" onClick={s.reset}>
                Edit and build again
              </button>
            )}
            <button type="button" className="primary" autoFocus onClick={onClose}>
              {live?.state === 'running' ? 'Continue in the background' : 'Close'}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
