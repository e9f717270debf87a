import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { routeMethodEvent } from './state/methodActions';
import { startRunKeeper } from './state/runKeeper';
import { getClient, setMethodRouter } from './state/workerBridge';
import { useStore } from './state/store';
import { startUrlSync } from './state/urlSync';
import { App } from './ui/App';
import { savedTheme } from './ui/shell/useTheme';
import './ui/styles.css';

useStore.getState().setTheme(savedTheme());
startUrlSync();
setMethodRouter(routeMethodEvent);
getClient(); // spawn the worker now: backend start-up and the dataset download overlap with the first render
startRunKeeper(); // keep every finished run (IndexedDB)

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
