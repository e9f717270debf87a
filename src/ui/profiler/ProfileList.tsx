import { useRef } from 'react';
import { summarize } from '../../state/profileStore';
import {
  deleteProfile, exportProfileFile, importProfileFile, selectProfile, setSearchTarget, useProfiler,
} from '../../state/profilerState';
import { Hint } from '../common/Hint';
import { downloadFiles } from '../common/download';
import { share } from './format';

/** Stored profiles: choose the search target, view, export, delete (with Undo); import a profile file. */
export function ProfileList() {
  const profiles = useProfiler((s) => s.profiles);
  const targetId = useProfiler((s) => s.targetId);
  const selectedId = useProfiler((s) => s.selectedId);
  const damaged = useProfiler((s) => s.damaged);
  const loaded = useProfiler((s) => s.loaded);
  const imported = useProfiler((s) => (s.imported ? (s.profiles.find((p) => p.id === s.imported) ?? null) : null));
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <section className="panel" aria-labelledby="profiles-title">
      <h2 id="profiles-title">
        Stored profiles{' '}
        <Hint label="Stored profiles">
          Profiles are kept in this browser (IndexedDB). The search target is the profile whose predictions the searches use for latency.
          Export a profile to keep it or to compare devices; importing checks the file first and never touches what is stored.
        </Hint>
      </h2>
      {loaded && profiles.length === 0 && <p className="muted">No profile yet: press “Profile this device”, or import a profile file.</p>}
      {profiles.length > 0 && (
        <table className="data-table" data-testid="profile-list">
          <thead>
            <tr>
              <th scope="col">Search target</th>
              <th scope="col">Profile</th>
              <th scope="col">Held-out ±10%</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {profiles.map((p) => {
              const s = summarize(p);
              return (
                <tr key={p.id} className={p.id === selectedId ? 'selected' : undefined} data-testid="profile-row">
                  <td>
                    <input
                      type="radio"
                      name="search-target"
                      aria-label={`Use ${p.name} as the search target`}
                      checked={p.id === targetId}
                      onChange={() => void setSearchTarget(p.id)}
                    />
                  </td>
                  <td>
                    <span className="profile-name">{p.name}</span>
                    <br />
                    <span className="muted small">
                      {s.mode} · {s.lutEntries} LUT entries · {s.networks} networks{s.partial ? ' · partial (cancelled)' : ''}
                      {s.isFallbackAdapter ? ' · software adapter' : ''}
                    </span>
                  </td>
                  <td>{s.heldOutWithin10 === null ? '–' : share(s.heldOutWithin10)}</td>
                  <td className="button-row">
                    <button type="button" className="button" onClick={() => selectProfile(p.id)} aria-pressed={p.id === selectedId}>
                      View
                    </button>
                    <button
                      type="button"
                      className="button"
                      aria-label={`Export profile ${p.name}`}
                      onClick={() => {
                        const f = exportProfileFile(p);
                        void downloadFiles([{ name: f.name, data: f.text, type: 'application/json' }]);
                      }}
                    >
                      Export profile
                    </button>
                    <button
                      type="button"
                      className="button"
                      aria-label={`Delete profile ${p.name}`}
                      onClick={() => void deleteProfile(p.id)}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {damaged.length > 0 && (
        <p className="error-text" role="alert">
          {damaged.length} stored record(s) are damaged and were skipped: {damaged.join('; ')}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => fileRef.current?.click()}>
          Import profile
        </button>
        {imported && imported.id !== targetId && (
          <button type="button" className="button primary" onClick={() => void setSearchTarget(imported.id)} data-testid="use-imported">
            Make the imported profile the search target
          </button>
        )}
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Import profile file"
          data-testid="profile-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importProfileFile(f);
          }}
        />
      </div>
    </section>
  );
}
