import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { createAppRouter } from './app-routes';
import { LiveAnnouncerProvider } from './design/live-announcer';
import { SessionProvider } from './session/session-context';
import './design/tokens.css';
import './design/base.css';
import './design/components.css';
import './layout/layout.css';
import './pages/pages.css';

const router = createAppRouter();
const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

createRoot(root).render(
  <StrictMode>
    <LiveAnnouncerProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </LiveAnnouncerProvider>
  </StrictMode>,
);
