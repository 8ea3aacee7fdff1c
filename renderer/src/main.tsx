// The shared stylesheet first, so each screen's own stylesheet comes after it and wins ties.
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { connectTerminal } from './api/connect.ts';
import { TerminalProvider } from './api/TerminalProvider.tsx';
import { PreferencesProvider } from './preferences/PreferencesProvider.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const client = connectTerminal();

createRoot(container).render(
  <StrictMode>
    <TerminalProvider client={client}>
      <PreferencesProvider>
        <App />
      </PreferencesProvider>
    </TerminalProvider>
  </StrictMode>,
);
