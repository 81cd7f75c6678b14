/** SSR entry, built by Vite into dist/server/entry-server.js and called by server/register.ts. */
import { renderToString } from 'react-dom/server';
import { StrictMode } from 'react';
import { App } from './app/App.tsx';
import type { PageState } from './app/state.ts';

export function render(state: PageState): string {
  return renderToString(
    <StrictMode>
      <App state={state} />
    </StrictMode>,
  );
}
