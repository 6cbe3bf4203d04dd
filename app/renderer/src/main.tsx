import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { BerthClient } from './api/client';
import { connect } from './api/connect';
import { ClientContext } from './api/hooks';
import { App } from './app/App';
import { SignIn } from './app/SignIn';
import './app/theme.css';
import './app/app.css';

const start = connect();
const queryClient = new QueryClient({
  defaultOptions: {
    // Engine events keep queries fresh; nothing polls, and a hidden window refetches nothing.
    queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 },
    mutations: { retry: 0 },
  },
});

/** The app, or the sign-in screen once the server stops accepting this page's token. */
function Signed({ client }: { client: BerthClient }) {
  const [signedOut, setSignedOut] = useState(client.connection === 'signed-out');
  useEffect(() => client.onConnection((s) => setSignedOut(s === 'signed-out')), [client]);
  if (signedOut) return <SignIn reason="refused" />;
  return (
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ClientContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>{'client' in start ? <Signed client={start.client} /> : <SignIn reason={start.signIn} />}</StrictMode>,
);
