// "Open a compose file": a path field (a native picker registered in the compose store adds a
// "Choose…" button that fills it) and an optional project name; Up checks the file, then runs `up -d` as a task.
import { useId, useState } from 'react';
import { composeFilePath, composeProjectName } from '../../../../shared/contract/areas/compose';
import { firstIssue } from '../../../../shared/rules';
import { useClient } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { navigate } from '../../app/router';
import { useComposeUi } from './compose-store';
import { editorHref } from './editor/editor-href';

/** The name compose derives from the file's folder, shown as the placeholder. */
export function defaultProjectName(path: string): string {
  const dir = path.replace(/\/[^/]*$/, '');
  const base = dir.split('/').pop() ?? '';
  return base
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

export function OpenComposeFile() {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const { filePath, projectName, setFilePath, setProjectName, setLastTask, filePicker } = useComposeUi();
  const [error, setError] = useState<{ field?: string; message: string }>();
  const [busy, setBusy] = useState(false);
  const pathId = useId();
  const nameId = useId();
  const errId = useId();

  /** The path and project name when both are good; else the first problem is shown. */
  const checked = (): { path: string; name: string } | undefined => {
    const path = filePath.trim();
    const name = projectName.trim();
    const pathIssue = firstIssue(composeFilePath.safeParse(path));
    if (pathIssue) return void setError({ field: 'files', message: pathIssue });
    const nameIssue = name ? firstIssue(composeProjectName.safeParse(name)) : undefined;
    if (nameIssue) return void setError({ field: 'project', message: nameIssue });
    setError(undefined);
    return { path, name };
  };

  const openInEditor = () => {
    const ok = checked();
    if (!ok) return;
    const project = ok.name || defaultProjectName(ok.path);
    if (!project)
      return setError({
        field: 'project',
        message: 'Compose cannot derive a project name from this folder. Give a project name.',
      });
    navigate(editorHref(project, [ok.path]));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = checked();
    if (!ok) return;
    const { path, name } = ok;
    setBusy(true);
    try {
      const task = await client.request('compose.up', { files: [path], ...(name ? { project: name } : {}) });
      setLastTask(task.id);
      toast('info', `${task.title}: checking done, the containers are being created.`);
    } catch (err) {
      const info = err as { message: string; field?: string };
      setError({ message: info.message, ...(info.field ? { field: info.field } : {}) });
    } finally {
      setBusy(false);
    }
  };

  const pathInvalid = error && error.field !== 'project';
  return (
    <section className="card compose-open" aria-labelledby="compose-open-title">
      <h2 id="compose-open-title">Open a compose file</h2>
      <form onSubmit={submit} noValidate>
        <div className={`field path${pathInvalid ? ' invalid' : ''}`}>
          <label htmlFor={pathId}>Compose file path</label>
          <input
            id={pathId}
            className="mono"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder="/home/me/project/compose.yaml"
            value={filePath}
            aria-invalid={pathInvalid ? true : undefined}
            aria-describedby={error ? errId : undefined}
            onChange={(e) => setFilePath(e.target.value)}
          />
        </div>
        {filePicker && (
          <button
            type="button"
            onClick={async () => {
              const chosen = await filePicker().catch((e: Error) => setError({ field: 'files', message: e.message }));
              if (chosen) setFilePath(chosen);
            }}
          >
            Choose…
          </button>
        )}
        <div className={`field${error?.field === 'project' ? ' invalid' : ''}`}>
          <label htmlFor={nameId}>Project name (optional)</label>
          <input
            id={nameId}
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder={defaultProjectName(filePath.trim()) || 'from the folder name'}
            value={projectName}
            aria-invalid={error?.field === 'project' ? true : undefined}
            onChange={(e) => setProjectName(e.target.value)}
          />
        </div>
        <button type="button" disabled={busy} onClick={openInEditor}>
          Open in editor
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Up'}
        </button>
      </form>
      {error ? (
        <p id={errId} className="error-text" role="alert">
          {error.message}
        </p>
      ) : (
        <p className="hint">
          Open in editor to edit the file, check it and see what up would change. Up checks the file first (YAML,
          options, variables), then runs up -d with the compose CLI; the output streams below and in Tasks.
        </p>
      )}
    </section>
  );
}
