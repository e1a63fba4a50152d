import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App, type AppConfig } from './App.js';
import './app.css';

const config = (await (await fetch('/config.json')).json()) as AppConfig;
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root.');
const app = (
  <StrictMode>
    <App config={config} />
  </StrictMode>
);
// The server may have rendered the page already (see entry-server.tsx): then hydrate it.
if (root.firstElementChild) hydrateRoot(root, app);
else createRoot(root).render(app);
