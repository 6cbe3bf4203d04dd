// The editor's state for one project: the files as opened (compose.open), the drafts over them, the
// latest check (compose.check, run a moment after typing stops and cancelled when superseded), and
// save (compose.save, only when the user says so).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComposeCheck, ComposeOpened } from '../../../../../shared/contract/areas/compose-files';
import { useClient, useQueryClient } from '../../../api/hooks';
import { messageOf } from '../../../components/kit';
import { useDrafts } from './drafts';

/** How long typing must pause before the text is checked. */
export const CHECK_AFTER_MS = 700;

export interface EditorState {
  opened?: ComposeOpened;
  openError?: string;
  /** The text shown for a file: its draft, else what was read. */
  textOf(file: string): string;
  dirty(file: string): boolean;
  anyDirty: boolean;
  edit(file: string, text: string): void;
  revert(file: string): void;
  save(file: string): Promise<void>;
  saving: boolean;
  saveError?: string;
  check?: ComposeCheck;
  checking: boolean;
  checkError?: string;
  recheck(): void;
}

export function useComposeEditor(project: string, files: readonly string[]): EditorState {
  const client = useClient();
  const queryClient = useQueryClient();
  const drafts = useDrafts((s) => s.drafts);
  const [opened, setOpened] = useState<ComposeOpened>();
  const [openError, setOpenError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [check, setCheck] = useState<ComposeCheck>();
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string>();
  const [checkToken, setCheckToken] = useState(0);
  const key = JSON.stringify([project, files]);

  useEffect(() => {
    const ac = new AbortController();
    setOpened(undefined);
    setOpenError(undefined);
    client
      .request('compose.open', { project, files: [...files] }, { signal: ac.signal })
      .then((o) => {
        setOpened(o);
        void queryClient.invalidateQueries({ queryKey: ['compose.recent'] });
      })
      .catch((e: unknown) => !ac.signal.aborted && setOpenError(messageOf(e)));
    return () => ac.abort();
    // `key` stands for project and files.
  }, [client, key]);

  const textOf = useCallback(
    (file: string) => drafts[file]?.text ?? opened?.files.find((f) => f.path === file)?.text ?? '',
    [drafts, opened],
  );
  const dirty = useCallback(
    (file: string) => {
      const draft = drafts[file];
      const disk = opened?.files.find((f) => f.path === file);
      return !!draft && !!disk && draft.text !== disk.text;
    },
    [drafts, opened],
  );
  const anyDirty = !!opened?.files.some((f) => dirty(f.path));

  const edit = (file: string, text: string) => {
    const disk = opened?.files.find((f) => f.path === file);
    if (!disk) return;
    const base = useDrafts.getState().drafts[file]?.base ?? disk.version;
    useDrafts.getState().set(file, { text, base });
  };
  const revert = (file: string) => useDrafts.getState().drop(file);

  const save = async (file: string) => {
    const disk = opened?.files.find((f) => f.path === file);
    if (!disk || !opened) return;
    const draft = useDrafts.getState().drafts[file];
    const text = draft?.text ?? disk.text;
    setSaving(true);
    setSaveError(undefined);
    try {
      const { version } = await client.request('compose.save', { file, text, version: draft?.base ?? disk.version });
      setOpened({ ...opened, files: opened.files.map((f) => (f.path === file ? { ...f, text, version } : f)) });
      useDrafts.getState().drop(file);
      setCheckToken((n) => n + 1);
    } catch (e) {
      setSaveError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  // The check: a moment after the last edit, the previous one cancelled.
  const editsKey = JSON.stringify(opened?.files.map((f) => (dirty(f.path) ? textOf(f.path) : null)) ?? null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!opened) return;
    const ac = new AbortController();
    const edits = opened.files.filter((f) => dirty(f.path)).map((f) => ({ file: f.path, text: textOf(f.path) }));
    timer.current = setTimeout(() => {
      setChecking(true);
      client
        .request(
          'compose.check',
          { project: opened.project, files: opened.files.map((f) => f.path), edits },
          { signal: ac.signal },
        )
        .then((c) => {
          setCheck(c);
          setCheckError(undefined);
        })
        .catch((e: unknown) => !ac.signal.aborted && setCheckError(messageOf(e)))
        .finally(() => !ac.signal.aborted && setChecking(false));
    }, CHECK_AFTER_MS);
    return () => {
      clearTimeout(timer.current);
      ac.abort();
    };
    // editsKey stands for the edited texts.
  }, [client, opened, editsKey, checkToken]);

  return {
    ...(opened ? { opened } : {}),
    ...(openError ? { openError } : {}),
    textOf,
    dirty,
    anyDirty,
    edit,
    revert,
    save,
    saving,
    ...(saveError ? { saveError } : {}),
    ...(check ? { check } : {}),
    checking,
    ...(checkError ? { checkError } : {}),
    recheck: () => setCheckToken((n) => n + 1),
  };
}
