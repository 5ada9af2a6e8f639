/**
 * An artist, label, user, set or DJ chart opened from a result: its tracks (downloadable) and what to
 * open next. A user's lists (tracks, likes, reposts, favorites, listens, playlists, followers,
 * following) are tabs: arrow keys move between them, Enter/Space or a click shows one.
 */
import { useEffect } from 'preact/hooks';
import type { EntityListId, EntityRef, EntityView } from '../../../shared/browse';
import { closeEntity, openEntity, views } from './browse-state';
import { EntityRow, Failure, TrackRows } from './BrowseRows';

function ListTabs({ entity, view }: { entity: EntityRef; view: EntityView }) {
  const lists = view.lists ?? [];
  const current = view.list ?? lists[0]?.id;
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const tabs = [...((e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('[role="tab"]'))];
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]?.focus();
    e.preventDefault();
  };
  const show = (id: EntityListId) => id !== current && void openEntity(entity, undefined, id);
  return (
    <div class="tabs" role="tablist" aria-label={`Lists of ${entity.name}`} onKeyDown={onKey}>
      {lists.map((l) => (
        <button key={l.id} type="button" role="tab" aria-selected={l.id === current} tabIndex={l.id === current ? 0 : -1} data-list={l.id} onClick={() => show(l.id)}>
          {l.name}
        </button>
      ))}
    </div>
  );
}

/** Heading above the entities of a view: the default tab's sets, or the people / playlists tab's items. */
function childrenTitle(view: EntityView): string {
  if (view.list === 'followers') return 'Followers';
  if (view.list === 'following') return 'Following';
  if (view.list === 'playlists') return 'Playlists';
  return 'Sets and releases';
}

export function BrowseView() {
  const top = views.value.at(-1);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && views.value.length && (e.preventDefault(), closeEntity());
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  if (!top) return null;
  const { entity, view } = top;
  const peopleOrSets = view.state === 'done' && !view.value.tracks.length && view.value.children.length > 0;
  return (
    <div class="browse-view" data-view={`${entity.platform}:${entity.kind}:${entity.id}`}>
      <div class="bar">
        <button type="button" class="link" onClick={closeEntity} autoFocus>‹ Back</button>
        <a class="muted" href={entity.url} target="_blank" rel="noreferrer">{entity.name}</a>
      </div>
      {view.state === 'done' && view.value.lists?.length ? <ListTabs entity={entity} view={view.value} /> : null}
      {view.state === 'loading' || view.state === 'idle' ? <p class="empty">Loading…</p> : null}
      {view.state === 'failed' ? <Failure error={view.error} /> : null}
      {view.state === 'done' ? (
        <>
          {view.value.tracks.length ? <TrackRows tracks={view.value.tracks} label={`Tracks of ${entity.name}`} /> : peopleOrSets ? null : <p class="empty">No tracks here.</p>}
          {view.value.children.length ? (
            <>
              <h2 class="section">{childrenTitle(view.value)}</h2>
              <ul class="list" aria-label={`${childrenTitle(view.value)} of ${entity.name}`}>{view.value.children.map((c) => <EntityRow key={c.id} entity={c} />)}</ul>
            </>
          ) : null}
          {view.value.next ? (
            <div class="bar"><button type="button" class="link" onClick={() => void openEntity(entity, view.value.next, view.value.list)}>Next page ›</button></div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
