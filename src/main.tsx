import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { METHODS } from './methods/registry';
import { startLiveRecording } from './state/liveRecording';
import { routeMethodEvent } from './state/methodActions';
import { startLessonSync } from './state/lesson';
import { startReplaySync } from './state/replaySync';
import { startRunKeeper } from './state/runKeeper';
import { getClient, setMethodRouter } from './state/workerBridge';
import { useStore } from './state/store';
import { startUrlSync } from './state/urlSync';
import { App } from './ui/App';
import { savedTheme } from './ui/shell/useTheme';
import './ui/styles.css';

useStore.getState().setTheme(savedTheme());
startUrlSync();
startReplaySync(METHODS); // rec=1 in the link: the method screen opens on its recorded run
startLessonSync(METHODS); // lesson=1&step=K in the link: the lesson's step, its moment of the recorded run
startLiveRecording(METHODS); // keep each method run's snapshots for "Replay this run" and "Export recording"
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
