/** An artist, label, user or set opened from a result: its tracks (downloadable) and its sets to open. */
import { useEffect } from 'preact/hooks';
import { closeEntity, openEntity, views } from './browse-state';
import { EntityRow, Failure, TrackRows } from './BrowseRows';

export function BrowseView() {
  const top = views.value.at(-1);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && views.value.length && (e.preventDefault(), closeEntity());
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  if (!top) return null;
  const { entity, view } = top;
  return (
    <div class="browse-view" data-view={`${entity.platform}:${entity.kind}:${entity.id}`}>
      <div class="bar">
        <button type="button" class="link" onClick={closeEntity} autoFocus>‹ Back</button>
        <a class="muted" href={entity.url} target="_blank" rel="noreferrer">{entity.name}</a>
      </div>
      {view.state === 'loading' || view.state === 'idle' ? <p class="empty">Loading…</p> : null}
      {view.state === 'failed' ? <Failure error={view.error} /> : null}
      {view.state === 'done' ? (
        <>
          {view.value.tracks.length ? <TrackRows tracks={view.value.tracks} label={`Tracks of ${entity.name}`} /> : <p class="empty">No tracks here.</p>}
          {view.value.next ? (
            <div class="bar"><button type="button" class="link" onClick={() => void openEntity(entity, view.value.next)}>Next page ›</button></div>
          ) : null}
          {view.value.children.length ? (
            <>
              <h2 class="section">Sets and releases</h2>
              <ul class="list" aria-label={`Sets of ${entity.name}`}>{view.value.children.map((c) => <EntityRow key={c.id} entity={c} />)}</ul>
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
