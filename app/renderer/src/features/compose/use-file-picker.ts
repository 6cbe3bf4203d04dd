// In the desktop app, "Choose…" opens the native file picker for a compose file; in a browser
// the path is typed (host.capabilities says which).
import { useEffect } from 'react';
import { useClient, useRequest } from '../../api/hooks';
import { useComposeUi } from './compose-store';

export function useComposeFilePicker(): void {
  const client = useClient();
  const canPick = useRequest('host.capabilities', {}, { staleTime: Infinity }).data?.filePicker ?? false;
  useEffect(() => {
    const { setFilePicker } = useComposeUi.getState();
    if (!canPick) return setFilePicker(undefined);
    setFilePicker(() =>
      client
        .request('host.pick', {
          kind: 'file',
          title: 'Open a compose file',
          filters: [
            { name: 'Compose files', extensions: ['yml', 'yaml'] },
            { name: 'All files', extensions: ['*'] },
          ],
        })
        .then((r) => r.path ?? undefined),
    );
  }, [canPick, client]);
}
