import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createPlatform } from '#platform';
import { App, readSwitches } from './app';
import { createI18n } from './i18n';
import { LoupeDatabase } from './storage';
import './app/styles.css';

// The platform implementation is chosen at build time (`#platform`): the browser's in the web shell,
// the preload bridge's in the desktop shell. Nothing below asks which one it got.
const platform = createPlatform();
const db = new LoupeDatabase();
const i18n = createI18n();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App platform={platform} db={db} i18n={i18n} switches={readSwitches(window.location.search)} />
  </StrictMode>,
);
