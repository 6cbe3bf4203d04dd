import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { connect } from './api/connect';
import { ClientContext } from './api/hooks';
import { App } from './app/App';
import './app/theme.css';
import './app/app.css';

const client = connect();
const queryClient = new QueryClient({
  defaultOptions: {
    // Engine events keep queries fresh; nothing polls, and a hidden window refetches nothing.
    queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 },
    mutations: { retry: 0 },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ClientContext.Provider>
  </StrictMode>,
);
