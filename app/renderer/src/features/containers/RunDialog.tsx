// Run a container, as `docker run` would: each field checked once it has been left (or on Run), every
// problem shown at its field; an image the engine lacks is pulled first, with its progress here; the
// image's EXPOSEd ports are offered; a run that removes itself when it exits shows its output and
// exit code here, since the container is gone afterwards.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useRequest } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/forms';
import { ErrorText, Field, TaskView } from '../../components/kit';
import { href, navigate } from '../../app/router';
import { useUi } from '../../app/ui-store';
import { RunOutput } from './RunOutput';
import { ImageField, LinesField, NameOptions, RestartField, textBinder } from './FormFields';
import { PortsAndMounts } from './PortsAndMounts';
import { emptyForm, fieldGroup, toSpec, validateForm, type RunForm } from './run-form';
import { useFormProblems } from './use-form-problems';
import { useRun } from './use-run';

export function RunDialog({ onClose, image = '' }: { onClose(): void; image?: string }) {
  const toast = useUi((s) => s.toast);
  const images = useRequest('images.list').data;
  const networks = useRequest('networks.list').data ?? [];
  const [form, setForm] = useState<RunForm>(() => emptyForm(image));
  const errors = useMemo(() => validateForm(form), [form]);
  const tags = useMemo(() => (images ?? []).flatMap((i) => i.tags).sort(), [images]);
  const r = useRun((id, spec) => {
    toast('success', `Started ${spec.name ?? 'a container'} from ${spec.image}.`);
    navigate(href('containers', id));
  });

  const pullBox = useRef<HTMLElement>(null);
  const pullId = r.phase.kind === 'pulling' ? r.phase.task.id : undefined;
  useEffect(() => {
    if (pullId) pullBox.current?.scrollIntoView?.({ block: 'nearest' });
  }, [pullId]);

  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (r.refusal && fieldGroup(r.refusal.field) === key) r.clearRefusal();
  };
  const problems = useFormProblems(errors, r.refusal, fieldGroup);
  const { touched, submitted, setSubmitted, touch, left, shown, refusalAt, messages } = problems;
  const text = textBinder(form, set, { ...problems, error: (key) => shown(key) ?? refusalAt(key) });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length) {
      // take the user to the first problem
      const form = e.currentTarget;
      setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    void r.run(toSpec(form));
  };

  if (r.phase.kind === 'output') {
    const { task, id } = r.phase;
    return (
      <Dialog title="Run a container" onClose={onClose} wide>
        <RunOutput task={task} containerId={id} onAgain={r.backToForm} onClose={onClose} />
      </Dialog>
    );
  }
  const pulling = r.phase.kind === 'pulling' ? r.phase : undefined;
  return (
    <Dialog title="Run a container" onClose={onClose} wide>
      <form className="run-form" onSubmit={submit} noValidate>
        {pulling && (
          <section className="run-pull" aria-label="Pulling the image" ref={pullBox}>
            <p>
              {pulling.spec.image} is not on this engine yet: pulling it, then the container starts (as docker run
              does).
            </p>
            <TaskView id={pulling.task.id} initial={pulling.task} />
          </section>
        )}
        <fieldset className="plain" disabled={!!pulling}>
          <ImageField
            id="run-image"
            tags={tags}
            {...text('image')}
            placeholder="e.g. nginx:latest (pulled if not here yet)"
          />
          <TextField
            id="run-name"
            label="Name (optional)"
            {...text('name')}
            placeholder="a random name if empty"
            autoComplete="off"
          />
          <TextField
            id="run-command"
            label="Command (optional)"
            {...text('command')}
            placeholder="the image's default if empty"
          />
          <PortsAndMounts image={form.image} images={images} form={form} set={set} problems={problems} />
          <LinesField
            id="run-env"
            label="Environment (one KEY=value per line)"
            rows={3}
            value={form.env}
            onChange={(v) => set('env', v)}
            onBlur={left('env', ...Object.keys(errors).filter((k) => k.startsWith('env.')))}
            errors={messages('env')}
            hint="A line with only KEY passes KEY on from Berth's environment, as docker run -e KEY does (unset there: unset in the container)."
          />
          <div className="field-row">
            <Field id="run-network" label="Network" error={refusalAt('network')}>
              <select id="run-network" value={form.network} onChange={(e) => set('network', e.target.value)}>
                <option value="">default (bridge)</option>
                <NameOptions names={networks.map((n) => n.name).filter((n) => n !== 'bridge')} />
              </select>
            </Field>
            <RestartField
              id="run-restart"
              value={form.restart}
              onChange={(v) => {
                set('restart', v);
                touch('restart');
              }}
              error={(submitted || touched.has('restart') ? errors.restart : undefined) ?? refusalAt('restart')}
            />
          </div>
          <label className="inline">
            <input
              type="checkbox"
              checked={form.autoRemove}
              onChange={(e) => {
                set('autoRemove', e.target.checked);
                touch('restart');
              }}
            />{' '}
            Remove the container when it exits (its output stays here)
          </label>
          <label className="inline">
            <input type="checkbox" checked={form.tty} onChange={(e) => set('tty', e.target.checked)} /> Allocate a
            terminal (TTY)
          </label>
        </fieldset>
        <ErrorText message={refusalAt('form')} />
        <div className="dialog-actions">
          {pulling ? (
            <button type="button" onClick={r.cancelPull}>
              Cancel the pull
            </button>
          ) : (
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          )}
          <button type="submit" className="primary" disabled={r.busy || !!pulling}>
            {pulling ? 'Pulling…' : r.busy ? 'Starting…' : 'Run'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
