import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { captureToken } from './app/token';
import './styles/index.css';

// The token must leave the address bar before the hash router reads the fragment as a route.
captureToken();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
