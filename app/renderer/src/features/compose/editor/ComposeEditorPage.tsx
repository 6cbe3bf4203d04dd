// A compose project's files in the editor (#/compose/~edit/<project>/<file>…): YAML with highlighting,
// the compose CLI's own check with problems at line and column, what `up` would change per service,
// Save only when asked, and up / down / restart / pull / build for one service or all.
import { useEffect, useRef, useState } from 'react';
import type { ComposeProblem } from '../../../../../shared/contract/areas/compose-files';
import { useClient, useQueryClient, useRequest } from '../../../api/hooks';
import { href } from '../../../app/router';
import { useUi } from '../../../app/ui-store';
import { DetailPage } from '../../../components/DetailPage';
import { ConfirmDialog } from '../../../components/Dialog';
import { ErrorText, messageOf } from '../../../components/kit';
import { ComposeTaskOutput } from '../ComposeTaskOutput';
import { useComposeUi } from '../compose-store';
import { ProblemList } from './ProblemList';
import { ProjectRunBar, type RunRequest } from './ProjectRunBar';
import { UpPlan } from './UpPlan';
import { useComposeEditor } from './use-compose-editor';
import { YamlEditor, type LineMark, type YamlEditorHandle } from './YamlEditor';
import './editor.css';

const baseName = (path: string) => path.split('/').pop() ?? path;

export function ComposeEditorPage({ project, files }: { project: string; files: string[] }) {
  const ed = useComposeEditor(project, files);
  const client = useClient();
  const queryClient = useQueryClient();
  const toast = useUi((s) => s.toast);
  const { lastTaskId, setLastTask } = useComposeUi();
  const [active, setActive] = useState(files[0] ?? '');
  const [runError, setRunError] = useState<string>();
  const [confirmRemove, setConfirmRemove] = useState<string>();
  const editor = useRef<YamlEditorHandle>(null);
  const pendingGo = useRef<ComposeProblem>(undefined);

  // When a task started here ends, the plan and the project list are read again.
  const listed = useRequest('compose.list', {}).data?.find((p) => p.name === project);
  const task = useRequest('tasks.list').data?.find((t) => t.id === lastTaskId);
  const running = task?.state === 'running';
  const taskState = task?.state;
  useEffect(() => {
    if (!taskState || taskState === 'running') return;
    ed.recheck();
    void queryClient.invalidateQueries({ queryKey: ['compose.list'] });
    // Only the end of the task matters here.
  }, [taskState]);

  // Unsaved edits survive moving around Berth (drafts), not a reload or closing the window: ask first.
  const anyDirty = ed.anyDirty;
  useEffect(() => {
    if (!anyDirty) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [anyDirty]);

  useEffect(() => {
    if (pendingGo.current && pendingGo.current.file === active) {
      const p = pendingGo.current;
      pendingGo.current = undefined;
      editor.current?.goTo(p.line!, p.column);
    }
  }, [active]);

  const run = async (r: RunRequest) => {
    setRunError(undefined);
    try {
      const t = await client.request('compose.run', {
        project,
        files,
        verb: r.verb,
        ...(r.service ? { service: r.service } : {}),
        ...(r.volumes ? { volumes: true } : {}),
      });
      setLastTask(t.id);
      toast('info', `${t.title}: started; the output is below and in Tasks.`);
    } catch (e) {
      setRunError(messageOf(e));
    }
  };

  const goTo = (p: ComposeProblem) => {
    if (p.line === undefined) return;
    if (p.file && p.file !== active) {
      pendingGo.current = p;
      setActive(p.file);
    } else editor.current?.goTo(p.line, p.column);
  };

  if (ed.openError)
    return (
      <section className="detail" aria-labelledby="editor-title">
        <div className="detail-head">
          <a href={href('compose')} className="back" aria-label="Back to compose projects">
            ←
          </a>
          <h1 id="editor-title">Could not open {project}</h1>
        </div>
        <ErrorText message={ed.openError} />
      </section>
    );
  if (!ed.opened) return <p className="muted empty">Opening {files.map(baseName).join(', ')}…</p>;

  const check = ed.check;
  const inFile = (p: ComposeProblem) => !p.file || p.file === active;
  const marks: LineMark[] = [
    ...(check?.problems ?? [])
      .filter((p) => inFile(p) && p.line)
      .map((p) => ({ line: p.line!, severity: 'error' as const, message: p.message })),
    ...(check?.warnings ?? [])
      .filter((p) => inFile(p) && p.line)
      .map((p) => ({ line: p.line!, severity: 'warning' as const, message: p.message })),
  ];
  const dirty = ed.dirty(active);
  const status = ed.checking
    ? 'Checking…'
    : ed.checkError
      ? 'Not checked'
      : !check
        ? 'Not checked yet'
        : check.valid
          ? `Valid${check.warnings.length ? `, ${check.warnings.length} warning${check.warnings.length === 1 ? '' : 's'}` : ''}`
          : `${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}`;

  return (
    <DetailPage
      titleId="editor-title"
      title={project}
      className="compose-editor-page"
      back={{ href: href('compose'), label: 'Back to compose projects' }}
      facts={
        <div className="project-head-facts">
          <span className="mono">{active}</span>
          {check?.cli && <span className="muted">checked with {check.cli}</span>}
        </div>
      }
      actions={
        <>
          <span
            className={`check-state ${check?.valid ? 'valid' : check ? 'invalid' : ''}`}
            role="status"
            aria-label="Check"
          >
            {status}
          </span>
          {dirty && <span className="badge unsaved">Unsaved</span>}
          <button type="button" disabled={!dirty || ed.saving} onClick={() => ed.revert(active)}>
            Revert
          </button>
          <button
            type="button"
            className="primary"
            disabled={!dirty || ed.saving}
            aria-label={`Save ${baseName(active)}`}
            onClick={() => void ed.save(active)}
          >
            {ed.saving ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <ErrorText message={ed.saveError} />
      {ed.opened.files.length > 1 && (
        <div className="file-tabs" role="tablist" aria-label="Compose files">
          {ed.opened.files.map((f) => (
            <button
              key={f.path}
              type="button"
              role="tab"
              aria-selected={f.path === active}
              title={f.path}
              onClick={() => setActive(f.path)}
            >
              {baseName(f.path)}
              {ed.dirty(f.path) ? ' •' : ''}
            </button>
          ))}
        </div>
      )}
      <div className="compose-editor-grid">
        <YamlEditor
          ref={editor}
          key={active}
          label={`Compose file ${baseName(active)}`}
          value={ed.textOf(active)}
          onChange={(t) => ed.edit(active, t)}
          marks={marks}
        />
        <aside className="compose-editor-side" aria-label="Check and plan">
          <section aria-labelledby="problems-title">
            <h2 id="problems-title">Check</h2>
            <ErrorText message={ed.checkError} />
            {check && (
              <ProblemList
                problems={check.problems}
                warnings={check.warnings}
                multiFile={ed.opened.files.length > 1}
                onGo={goTo}
              />
            )}
            {check?.valid && !check.warnings.length && (
              <p className="muted small">The compose CLI accepts {dirty ? 'the edited text' : 'the file'}.</p>
            )}
          </section>
          <section aria-labelledby="plan-title">
            <h2 id="plan-title">What up would change</h2>
            {check?.valid ? (
              <UpPlan
                changes={check.changes}
                method={check.method}
                busy={running}
                onAct={(verb, service) => (verb === 'down' ? setConfirmRemove(service) : void run({ verb, service }))}
              />
            ) : (
              <p className="muted small">{check ? 'Fix the problems to see what up would change.' : 'Checking…'}</p>
            )}
          </section>
        </aside>
      </div>
      <ProjectRunBar
        project={project}
        containers={listed?.total ?? (check?.changes ?? []).reduce((n, c) => n + c.containers, 0)}
        busy={running}
        unsaved={ed.anyDirty}
        onRun={(r) => void run(r)}
      />
      <ErrorText message={runError} />
      <ComposeTaskOutput />
      {confirmRemove && (
        <ConfirmDialog
          title={`Remove the containers of service ${confirmRemove}?`}
          confirmLabel="Remove"
          onClose={() => setConfirmRemove(undefined)}
          onConfirm={() => {
            const service = confirmRemove;
            setConfirmRemove(undefined);
            void run({ verb: 'down', service });
          }}
        >
          <p>
            This stops and removes the containers of <strong>{confirmRemove}</strong> (their writable layers are lost;
            volumes are kept). Up brings the service back from the compose file.
          </p>
        </ConfirmDialog>
      )}
    </DetailPage>
  );
}
