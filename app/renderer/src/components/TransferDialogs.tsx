// The parts every transfer dialog shares: a dialog that downloads one stream into the browser's
// downloads, a file picker field, and the progress sentence of an upload.
import type { SubscriptionArgs } from '../../../shared/contract';
import { useClient } from '../api/hooks';
import { download, type DownloadTopic } from '../api/transfers';
import { safeFileName, saveBlob } from '../features/containers/detail/common/download';
import { formatBytes } from './format';
import { Field } from './kit';
import { TransferDialog, useTransfer } from './TransferDialog';

/** A dialog whose one action streams `topic` into a file in the browser's downloads. */
export function DownloadDialog<T extends DownloadTopic>({
  title,
  intro,
  submitLabel,
  topic,
  args,
  type,
  onClose,
}: {
  title: string;
  intro: React.ReactNode;
  submitLabel: string;
  topic: T;
  args: SubscriptionArgs<T>;
  /** The saved file's media type. */
  type: string;
  onClose(): void;
}) {
  const client = useClient();
  const t = useTransfer();
  const close = () => {
    t.cancel();
    onClose();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void t.run(async (signal) => {
      const r = await download(client, topic, args, {
        signal,
        onProgress: (bytes) => t.setStatus(`Received ${formatBytes(bytes)}…`),
      });
      saveBlob(new Blob([r.blob], { type }), safeFileName(r.name));
      return `Saved ${r.name} (${formatBytes(r.blob.size)}) to your downloads.`;
    });
  };
  return (
    <TransferDialog
      title={title}
      intro={intro}
      transfer={t}
      submitLabel={submitLabel}
      onSubmit={submit}
      onClose={close}
    />
  );
}

/** A file input in a form field; `onFile` hears the chosen file (or undefined). */
export function FilePickField({
  id,
  label,
  hint,
  accept,
  error,
  disabled,
  onFile,
}: {
  id: string;
  label: string;
  hint: string;
  accept: string;
  error: string | undefined;
  disabled: boolean;
  onFile(file: File | undefined): void;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input id={id} type="file" accept={accept} disabled={disabled} onChange={(e) => onFile(e.target.files?.[0])} />
    </Field>
  );
}

/** An upload's progress as a sentence; `after` says what happens once every byte is sent. */
export function uploadStatus(bytes: number, total: number | undefined, after: string): string {
  return bytes < (total ?? 0) ? `Uploading ${formatBytes(bytes)} of ${formatBytes(total ?? 0)}…` : after;
}
