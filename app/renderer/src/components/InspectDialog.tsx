// An object's inspect JSON as the engine gives it (volumes, networks).
import { Dialog } from './Dialog';
import { ErrorText } from './kit';

export function InspectDialog({
  title,
  data,
  error,
  onClose,
}: {
  title: string;
  data: unknown;
  error?: string | undefined;
  onClose(): void;
}) {
  return (
    <Dialog title={title} onClose={onClose} wide>
      {error ? (
        <ErrorText message={error} />
      ) : data === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <pre className="inspect-json" aria-label="Inspect JSON" tabIndex={0}>
          {JSON.stringify(data, null, 2)}
        </pre>
      )}
    </Dialog>
  );
}
