// Pull an image by reference; the dialog then follows the pull's layers until it ends.
import { useState } from 'react';
import { imageRef, firstIssue } from '../../../../shared/rules';
import { useClient } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { Field, TaskView, useTask } from '../../components/kit';
import { useStart } from './use-start';

export function PullDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const [ref, setRef] = useState('');
  const [touched, setTouched] = useState(false);
  const s = useStart();
  const live = useTask(s.task?.id);
  const problem = firstIssue(imageRef.safeParse(ref.trim()));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    void s.run(() => client.request('images.pull', { ref: ref.trim() }));
  };
  return (
    <Dialog title="Pull an image" onClose={onClose} wide>
      {!s.task ? (
        <form className="form-stack" onSubmit={submit} noValidate>
          <Field
            id="pull-ref"
            label="Image reference"
            error={(touched && problem) || s.error?.message}
            hint="For example busybox:latest or 127.0.0.1:5000/team/app:1.2"
          >
            <input
              id="pull-ref"
              value={ref}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={!!((touched && problem) || s.error)}
              onChange={(e) => setRef(e.target.value)}
            />
          </Field>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={s.busy}>
              Pull
            </button>
          </div>
        </form>
      ) : (
        <>
          <TaskView id={s.task.id} initial={s.task} />
          <div className="dialog-actions">
            {live && live.state !== 'running' && (
              <button
                type="button"
                onClick={() => {
                  s.reset();
                  setRef('');
                  setTouched(false);
                }}
              >
                Pull another
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
