import { useEffect, useState } from 'react';
import { useClient } from '../api/hooks';

/** Says so when the browser lost its connection to `berth serve` and is reconnecting. */
export function ConnectionBanner() {
  const client = useClient();
  const [state, setState] = useState(client.connection);
  useEffect(() => client.onConnection(setState), [client]);
  if (state !== 'reconnecting') return null;
  return (
    <div className="banner warning" role="status">
      Lost the connection to Berth. Reconnecting…
    </div>
  );
}
