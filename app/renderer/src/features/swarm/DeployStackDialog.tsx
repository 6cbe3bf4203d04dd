// Deploy a compose file as a stack (`docker stack deploy`, run by Berth against this engine): from
// compose text pasted here or a compose file on the machine Berth runs on. Deploying a stack again
// with the same name updates it. The CLI's output follows as a task.
import { useState } from 'react';
import { stackName } from '../../../../shared/contract/areas/swarm';
import { composeFilePath } from '../../../../shared/contract/areas/compose';
import type { TaskInfo } from '../../../../shared/contract';
import { firstIssue } from '../../../../shared/rules';
import { useClient } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { CloseActions } from '../../components/DialogActions';
import { TextField } from '../../components/forms';
import { ErrorText, Field, TaskView, useTask } from '../../components/kit';
import { useStart } from '../../components/use-start';

export function DeployStackDialog({ onClose, name: fixedName }: { onClose(): void; name?: string }) {
  const client = useClient();
  const [name, setName] = useState(fixedName ?? '');
  const [source, setSource] = useState<'text' | 'file'>('text');
  const [text, setText] = useState('');
  const [path, setPath] = useState('');
  const [resolve, setResolve] = useState(true);
  const [submitted, setSubmitted] = useState(false);
  const [started, setStarted] = useState<TaskInfo>();
  const task = useTask(started?.id) ?? started;
  const s = useStart();
  const problems = {
    name: firstIssue(stackName.safeParse(name.trim())),
    source:
      source === 'text'
        ? text.trim()
          ? undefined
          : 'Paste a compose file.'
        : firstIssue(composeFilePath.safeParse(path.trim())),
  };
  const at = (field: 'name' | 'source') =>
    (submitted ? problems[field] : undefined) ??
    (s.error && (field === 'name' ? s.error.field === 'name' : s.error.field !== 'name') ? s.error.message : undefined);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (problems.name || problems.source) return;
    const t = await s.run(() =>
      client.request('stacks.deploy', {
        name: name.trim(),
        ...(source === 'text' ? { compose: text } : { files: [path.trim()] }),
        resolveImage: resolve ? 'always' : 'never',
      }),
    );
    if (t) setStarted(t);
  };

  if (task)
    return (
      <Dialog title={`Deploy stack ${name.trim()}`} onClose={onClose} dirty={false}>
        <TaskView id={task.id} initial={task} />
        <CloseActions label="Done" onClose={onClose} />
      </Dialog>
    );
  return (
    <Dialog title={fixedName ? `Deploy stack ${fixedName} again` : 'Deploy a stack'} onClose={onClose} wide>
      <form className="form-stack" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="stack-name"
          label="Stack name"
          value={name}
          readOnly={!!fixedName}
          onChange={setName}
          error={at('name')}
          hint="It prefixes its services' names (shop → shop_web)."
        />
        <fieldset className="plain">
          <legend className="visually-hidden">Compose file</legend>
          <label className="inline">
            <input type="radio" name="stack-source" checked={source === 'text'} onChange={() => setSource('text')} />{' '}
            Paste compose text
          </label>{' '}
          <label className="inline">
            <input type="radio" name="stack-source" checked={source === 'file'} onChange={() => setSource('file')} /> A
            compose file on this machine
          </label>
        </fieldset>
        {source === 'text' ? (
          <Field id="stack-compose" label="Compose file" error={at('source')}>
            <textarea
              id="stack-compose"
              className="mono"
              rows={12}
              value={text}
              spellCheck={false}
              placeholder={'services:\n  web:\n    image: nginx:alpine\n    deploy:\n      replicas: 2'}
              onChange={(e) => setText(e.target.value)}
            />
          </Field>
        ) : (
          <TextField
            id="stack-file"
            label="Compose file path"
            className="mono"
            placeholder="/home/me/app/compose.yaml"
            value={path}
            onChange={setPath}
            error={at('source')}
          />
        )}
        <label className="inline">
          <input type="checkbox" checked={resolve} onChange={(e) => setResolve(e.target.checked)} /> Ask the registry
          for each image&apos;s digest, so every node runs the same image (docker&apos;s default)
        </label>
        <ErrorText message={s.error && !at('name') && !at('source') ? s.error.message : undefined} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={s.busy}>
            {s.busy ? 'Checking…' : 'Deploy'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
