// Editing the managed engine's daemon.json: the JSON in an editor with the problems at their line,
// checked as you type (nothing with a problem can be applied), the changes a restart brings, and
// "Apply and restart" confirmed. When dockerd refuses the new file, Berth has put the old one back:
// the dialog stays open with the text, so it can be fixed.
import { useRef, useState } from 'react';
import type { DaemonConfigApplied, DaemonConfigView } from '../../../../../shared/contract/areas/engine-config';
import { useClient, useQueryClient } from '../../../api/hooks';
import { useUi } from '../../../app/ui-store';
import { ConfirmDialog, Dialog } from '../../../components/Dialog';
import { ErrorText, messageOf } from '../../../components/kit';
import { ProblemList } from '../../compose/editor/ProblemList';
import { YamlEditor, type LineMark, type YamlEditorHandle } from '../../compose/editor/YamlEditor';
import '../../compose/editor/editor.css';
import { AddToList } from './AddToList';
import { ChangePreview } from './ChangePreview';
import { useDaemonCheck } from './use-daemon-check';

export function DaemonSettingsDialog({ view, onClose }: { view: DaemonConfigView; onClose(): void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const toast = useUi((s) => s.toast);
  const [base, setBase] = useState({ text: view.text, version: view.version });
  const [text, setText] = useState(view.text);
  const [token, setToken] = useState(0);
  const { check, checking, error: checkError } = useDaemonCheck(text, token);
  const [confirming, setConfirming] = useState(false);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<string>();
  const [outcome, setOutcome] = useState<DaemonConfigApplied>();
  const editor = useRef<YamlEditorHandle>(null);

  const edit = (t: string) => {
    setText(t);
    setOutcome(undefined);
    setApplyError(undefined);
  };

  const marks: LineMark[] = [
    ...(check?.problems ?? []).map((p) => ({ line: p.line, severity: 'error' as const, message: p.message })),
    ...(check?.warnings ?? []).map((p) => ({ line: p.line, severity: 'warning' as const, message: p.message })),
  ].filter((m): m is LineMark => m.line !== undefined);
  const canApply = !!check?.valid && check.changes.length > 0 && !applying;

  const apply = async () => {
    setApplying(true);
    setApplyError(undefined);
    try {
      const r = await client.request('engine.config.apply', { text, version: base.version });
      void queryClient.invalidateQueries({ queryKey: ['engine.config.get'] });
      void queryClient.invalidateQueries({ queryKey: ['engine.info'] });
      setConfirming(false);
      if (r.outcome === 'applied') {
        toast('success', r.message);
        onClose();
        return;
      }
      // rolled back or unchanged: the file on disk is the one the engine runs with
      if (r.outcome === 'unchanged') setBase({ text, version: r.version });
      else setBase((b) => ({ ...b, version: r.version }));
      setOutcome(r);
      setToken((n) => n + 1);
    } catch (e) {
      setConfirming(false);
      setApplyError(messageOf(e));
    } finally {
      setApplying(false);
    }
  };

  return (
    <Dialog title="Engine settings (daemon.json)" onClose={onClose} wide dirty={text !== base.text}>
      <div className="dialog-body daemon-settings">
        <p className="muted small">
          <span className="mono">{view.path}</span>: the settings Berth&apos;s engine reads when it starts. Applying
          them restarts the engine.
          {view.berthKeys.length > 0 && (
            <> Berth sets {view.berthKeys.map((k) => k.key).join(', ')} itself, so this file may not.</>
          )}
        </p>
        <YamlEditor ref={editor} label="daemon.json" value={text} onChange={edit} marks={marks} />
        <AddToList text={text} onChange={edit} />
        {checkError && <ErrorText message={`Could not check the settings: ${checkError}`} />}
        {check && (
          <ProblemList
            problems={check.problems}
            warnings={check.warnings}
            multiFile={false}
            onGo={(p) => p.line && editor.current?.goTo(p.line, p.column)}
          />
        )}
        <div aria-live="polite">
          {checking && <p className="muted small">Checking…</p>}
          {check && !check.valid && (
            <p className="error-text">
              {check.problems.length === 1
                ? 'Fix the problem above to apply these settings.'
                : `Fix the ${check.problems.length} problems above to apply these settings.`}
            </p>
          )}
        </div>
        {check?.valid && <ChangePreview check={check} />}
        {outcome && (
          <p
            className={outcome.outcome === 'rolled-back' ? 'error-text' : 'muted'}
            role={outcome.outcome === 'rolled-back' ? 'alert' : 'status'}
          >
            {outcome.message}
          </p>
        )}
        <ErrorText message={applyError} />
      </div>
      <div className="dialog-actions sticky-actions">
        <button type="button" disabled={text === base.text} onClick={() => setText(base.text)}>
          Revert
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" disabled={!canApply} onClick={() => setConfirming(true)}>
          Apply and restart…
        </button>
      </div>
      {confirming && check && (
        <ConfirmDialog
          title="Restart the engine with the new settings?"
          confirmLabel={applying ? 'Restarting…' : 'Apply and restart'}
          danger={!check.restart.keepsRunning && check.restart.containers.length > 0}
          busy={applying}
          onConfirm={() => void apply()}
          onClose={() => !applying && setConfirming(false)}
        >
          <p>
            Berth writes daemon.json and restarts the engine ({check.changes.length} setting change
            {check.changes.length === 1 ? '' : 's'}). If dockerd refuses the new file, Berth puts the current one back
            and starts the engine with it.
          </p>
          <p>{check.restart.summary}</p>
        </ConfirmDialog>
      )}
    </Dialog>
  );
}
