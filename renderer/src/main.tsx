// First: configures zod before the contract's schemas are built.
import './zodConfig.ts';
// Second: takes the launch token out of the URL fragment before the router reads it.
import './api/launchToken.ts';
import { StrictMode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App.tsx';
import { initI18n } from './i18n/index.ts';
import { queryClient } from './data/queryClient.ts';
import { useListStates } from './data/listState.ts';
import { useSession } from './stores/session.ts';
import { useUi } from './stores/ui.ts';

initI18n(useUi.getState().lang);

// Feature stores hold one user's data; drop it the moment that user's session ends.
useSession.subscribe((state, previous) => {
  if (previous.token && !state.token) {
    queryClient.clear();
    useListStates.getState().reset();
  }
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    {/* The cache is for every page (sign-in and registration commands too); only signed-in pages hear data.changed. */}
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
