// Apply YAML (pasted or opened from a file) as server-side apply with field manager "berth": first a
// dry run whose per-object diff the user reads, then the apply itself — of exactly the text that was
// previewed. A conflict with another field manager is the cluster's sentence and an explicit choice
// to take those fields over (force), previewed again before it is applied.
import { useEffect, useId, useRef, useState } from 'react';
import type { KubeApplied } from '../../../../shared/contract/areas/kube';
import { CallError } from '../../api/client';
import { useAction } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { Dialog } from '../../components/Dialog';
import { ErrorText, Field, messageOf } from '../../components/kit';

const MAX_BYTES = 1024 * 1024;

const ACTION_WORDS: Record<KubeApplied['action'], [preview: string, done: string]> = {
  created: ['will be created', 'created'],
  configured: ['will change', 'configured'],
  unchanged: ['is unchanged', 'unchanged'],
};

export function objectLabel(o: Pick<KubeApplied, 'kind' | 'namespace' | 'name'>): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** Lines of context kept around each change; longer unchanged runs fold into one line. */
const CONTEXT = 3;

/** The diff's lines with unchanged runs far from any change folded: [line, or the number folded]. */
export function foldDiff(diff: string): (string | number)[] {
  const lines = diff.split('\n');
  const changed = lines.map((l) => l.startsWith('+ ') || l.startsWith('- '));
  const keep = lines.map((_, i) => changed.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some(Boolean));
  const out: (string | number)[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (keep[i]) out.push(lines[i]!);
    else if (typeof out.at(-1) === 'number') out[out.length - 1] = (out.at(-1) as number) + 1;
    else out.push(1);
  }
  return out;
}

/** One object's line diff: "+ " added, "- " removed, "  " the same, each line marked for colour and screen readers. */
export function AppliedDiff({ result }: { result: KubeApplied }) {
  if (!result.diff) return null;
  return (
    <pre className="kube-diff mono small" aria-label={`Changes to ${objectLabel(result)}`} tabIndex={0}>
      {foldDiff(result.diff).map((line, i) => {
        if (typeof line === 'number')
          return (
            <span key={i} className="kube-diff-fold">
              {`  … ${line} unchanged line${line === 1 ? '' : 's'}\n`}
            </span>
          );
        const mark = line.slice(0, 2);
        const cls = mark === '+ ' ? 'kube-diff-add' : mark === '- ' ? 'kube-diff-del' : undefined;
        return (
          <span key={i} className={cls}>
            {mark === '+ ' && <span className="visually-hidden">added: </span>}
            {mark === '- ' && <span className="visually-hidden">removed: </span>}
            {line}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

export function ApplyDialog({
  context,
  namespace,
  onClose,
}: {
  context: string;
  /** Where objects that name no namespace go. */
  namespace: string;
  onClose(): void;
}) {
  const id = useId();
  const toast = useUi((s) => s.toast);
  const apply = useAction('kube.apply');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [force, setForce] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string | undefined }>();
  /** The dry run's result and the exact text and force it was for. */
  const [preview, setPreview] = useState<{ results: KubeApplied[]; text: string; force: boolean }>();
  const current = preview && preview.text === text && preview.force === force ? preview : undefined;
  const changes = current?.results.filter((r) => r.action !== 'unchanged').length ?? 0;
  const previewBox = useRef<HTMLElement>(null);
  // A fresh preview is scrolled into view: below the text it would start out of sight in a small window.
  useEffect(() => {
    if (preview) previewBox.current?.scrollIntoView?.({ block: 'nearest' });
  }, [preview]);

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const results = await apply.mutateAsync({ context, namespace, yaml: text, dryRun, force });
      if (dryRun) setPreview({ results, text, force });
      else {
        const n = results.length;
        toast('success', n === 1 ? `Applied ${objectLabel(results[0]!)}.` : `Applied ${n} objects.`);
        onClose();
      }
    } catch (e) {
      setPreview(undefined);
      if (e instanceof CallError && e.kind === 'conflict') setConflict(true);
      setError({ message: messageOf(e), field: (e as { field?: string }).field });
    } finally {
      setBusy(false);
    }
  };

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError({ message: `${file.name} is larger than 1 MiB; Berth applies at most 1 MiB of YAML at once.` });
      return;
    }
    setText(await file.text());
    setFileName(file.name);
    setError(undefined);
  };

  const tooBig = new TextEncoder().encode(text).length > MAX_BYTES;
  const yamlError = tooBig
    ? 'Berth applies at most 1 MiB of YAML at once.'
    : error?.field === 'yaml'
      ? error.message
      : undefined;

  return (
    <Dialog title={`Apply YAML to ${context}`} onClose={onClose} wide dirty={text !== '' && !busy}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() && !tooBig) void run(!current);
        }}
      >
        <div className="dialog-body">
          <p className="muted small">
            Server-side apply as field manager “berth”. Objects without a namespace go to <strong>{namespace}</strong>.
            You see what would change before anything is applied.
          </p>
          <Field label="Open a YAML file" id={`${id}-file`} {...(fileName ? { hint: `Read from ${fileName}.` } : {})}>
            <input
              id={`${id}-file`}
              type="file"
              accept=".yaml,.yml,.json,application/yaml,text/yaml,application/json"
              onChange={(e) => void openFile(e.target.files?.[0])}
            />
          </Field>
          <Field label="YAML" id={`${id}-yaml`} error={yamlError}>
            <textarea
              id={`${id}-yaml`}
              className="mono kube-apply-text"
              spellCheck={false}
              rows={current ? 6 : 12}
              value={text}
              placeholder={'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n…'}
              aria-invalid={!!yamlError}
              {...(yamlError ? { 'aria-describedby': `${id}-yaml-error` } : {})}
              onChange={(e) => setText(e.target.value)}
            />
          </Field>
          {conflict && (
            <label className="inline">
              <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
              Take over the fields other field managers own (force)
            </label>
          )}
          {current && (
            <section aria-label="Preview of the changes" className="kube-apply-preview" ref={previewBox}>
              <h3>
                Preview (dry run):{' '}
                {changes === 0
                  ? 'nothing would change'
                  : `${changes} of ${current.results.length} objects would change`}
              </h3>
              <ul className="kube-apply-results">
                {current.results.map((r) => (
                  <li key={`${r.kind}/${r.namespace}/${r.name}`}>
                    <span>
                      <strong>{objectLabel(r)}</strong> {ACTION_WORDS[r.action][0]}
                    </span>
                    <AppliedDiff result={r} />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        {error?.field !== 'yaml' && <ErrorText message={error?.message} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {current ? (
            <button type="submit" className="primary" disabled={busy || changes === 0}>
              {busy ? 'Applying…' : force ? 'Apply (force)' : 'Apply'}
            </button>
          ) : (
            <button type="submit" className="primary" disabled={busy || !text.trim() || tooBig}>
              {busy ? 'Checking…' : 'Preview changes'}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
