/** Browser entry: starts the DSFR JavaScript and hydrates the server-rendered page. */
import { hydrateRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { App } from './app/App.tsx';
import { STATE_ELEMENT_ID, type PageState } from './app/state.ts';
import './styles/app.css';

startReactDsfr({ defaultColorScheme: 'light' });

const stateEl = document.getElementById(STATE_ELEMENT_ID);
const root = document.getElementById('root');
if (stateEl && root) {
  const state = JSON.parse(stateEl.textContent || '{}') as PageState;
  hydrateRoot(
    root,
    <StrictMode>
      <App state={state} />
    </StrictMode>,
    {
      onRecoverableError(error) {
        console.error('[eig] hydration', error);
      },
    },
  );
}
