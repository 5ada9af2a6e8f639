/**
 * The view on top of the stack: an artist, label, user, set or DJ chart (its tracks, downloadable, and
 * what to open next), the signed-in user's own view, or one track's or show's view (about with the
 * tracklist, related tracks, comments). Lists are tabs: arrow keys move between them, Enter/Space or
 * a click shows one; Escape goes back.
 */
import { useEffect } from 'preact/hooks';
import type { EntityListId, EntityRef, EntityView, TrackAbout, TrackListId, TrackView } from '../../../shared/browse';
import type { TrackRef } from '../../../shared/track';
import { closeEntity, openEntity, openTrack, views, type OpenView } from './browse-state';
import { EntityRow, Failure, TrackRow, TrackRows } from './BrowseRows';
import { duration } from './format';

function ListTabs<T extends string>({ label, lists, current, onShow }: { label: string; lists: { id: T; name: string }[]; current: T | undefined; onShow: (id: T) => void }) {
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const tabs = [...((e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('[role="tab"]'))];
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]?.focus();
    e.preventDefault();
  };
  return (
    <div class="tabs" role="tablist" aria-label={label} onKeyDown={onKey}>
      {lists.map((l) => (
        <button key={l.id} type="button" role="tab" aria-selected={l.id === current} tabIndex={l.id === current ? 0 : -1} data-list={l.id} onClick={() => l.id !== current && onShow(l.id)}>
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

function NextPage({ onNext }: { onNext: () => void }) {
  return <div class="bar"><button type="button" class="link" onClick={onNext}>Next page ›</button></div>;
}

function EntityBody({ entity, view }: { entity: EntityRef; view: EntityView }) {
  const peopleOrSets = !view.tracks.length && view.children.length > 0;
  const lists = view.lists ?? [];
  return (
    <>
      {lists.length ? <ListTabs<EntityListId> label={`Lists of ${entity.name}`} lists={lists} current={view.list ?? lists[0]?.id} onShow={(id) => void openEntity(entity, undefined, id)} /> : null}
      {view.tracks.length ? <TrackRows tracks={view.tracks} label={`Tracks of ${entity.name}`} /> : peopleOrSets ? null : <p class="empty">No tracks here.</p>}
      {view.children.length ? (
        <>
          <h2 class="section">{childrenTitle(view)}</h2>
          <ul class="list" aria-label={`${childrenTitle(view)} of ${entity.name}`}>{view.children.map((c) => <EntityRow key={c.id} entity={c} />)}</ul>
        </>
      ) : null}
      {view.next ? <NextPage onNext={() => void openEntity(entity, view.next, view.list)} /> : null}
    </>
  );
}

const SOURCE_WORDS = { api: 'the public API', graphql: 'Mixcloud’s site data' };

function About({ about, track }: { about: TrackAbout; track: TrackRef }) {
  const list = about.tracklist ?? [];
  const fromSite = about.sources?.tracklist === 'graphql';
  return (
    <div class="about">
      {about.exclusive ? <p class="status warn notice" role="status">Mixcloud Select: for the uploader’s subscribers only.</p> : null}
      {about.restricted ? <p class="status warn notice" role="status">Mixcloud restricts this show ({about.restricted.replace(/_/g, ' ')}).</p> : null}
      {about.genre ? <p class="muted notice">Genre: {about.genre}</p> : null}
      {about.description ? <p class="description" dir="auto">{about.description}</p> : <p class="muted notice">No description.</p>}
      {list.length ? (
        <>
          <h2 class="section">Tracklist{fromSite ? <span class="muted"> · from {SOURCE_WORDS.graphql}</span> : null}</h2>
          <ol class="tracklist" aria-label={`Tracklist of ${track.title ?? 'this show'}`}>
            {list.map((t, i) => (
              <li key={i}>
                <span class="at">{t.startMs === undefined ? '—' : duration(t.startMs) || '0:00'}</span>
                <span dir="auto">{t.artist ? `${t.artist} – ${t.title}` : t.title}</span>
              </li>
            ))}
          </ol>
        </>
      ) : about.tracklistHidden ? (
        <p class="muted notice">Mixcloud does not show this tracklist.</p>
      ) : track.platform === 'mixcloud' ? (
        <p class="muted notice">No tracklist.</p>
      ) : null}
    </div>
  );
}

function TrackBody({ track, view }: { track: TrackRef; view: TrackView }) {
  return (
    <>
      <ul class="list" aria-label="This track"><TrackRow track={track} details={false} /></ul>
      <ListTabs<TrackListId> label={`About ${track.title ?? 'this track'}`} lists={view.lists} current={view.list} onShow={(id) => void openTrack(track, id)} />
      {view.list === 'about' && view.about ? <About about={view.about} track={track} /> : null}
      {view.list === 'related' ? (view.tracks?.length ? <TrackRows tracks={view.tracks} label="Related tracks" /> : <p class="empty">No related tracks.</p>) : null}
      {view.list === 'comments' ? (
        view.comments?.length ? (
          <ul class="comments" aria-label="Comments">
            {view.comments.map((c, i) => (
              <li key={i}>
                <div class="muted">{[c.author?.name, c.at?.slice(0, 10)].filter(Boolean).join(' · ')}</div>
                <div dir="auto">{c.text}</div>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">No comments yet.</p>
        )
      ) : null}
      {view.next ? <NextPage onNext={() => void openTrack(track, view.list, view.next)} /> : null}
    </>
  );
}

/** The bar's link: the loaded entity (the user's own view learns its name and page when it loads). */
function linkOf(top: OpenView): { name: string; url: string } {
  if ('track' in top) return { name: top.track.title ?? 'Track', url: top.track.url };
  const loaded = top.view.state === 'done' ? top.view.value.entity : top.entity;
  return { name: loaded.name, url: loaded.url };
}

export function BrowseView() {
  const top = views.value.at(-1);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && views.value.length && (e.preventDefault(), closeEntity());
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  if (!top) return null;
  const link = linkOf(top);
  const id = 'track' in top ? `${top.track.platform}:track:${top.track.id}` : `${top.entity.platform}:${top.entity.kind}:${top.entity.id}`;
  return (
    <div class="browse-view" data-view={id}>
      <div class="bar">
        <button type="button" class="link" onClick={closeEntity} autoFocus>‹ Back</button>
        <a class="muted" href={link.url} target="_blank" rel="noreferrer">{link.name}</a>
      </div>
      {top.view.state === 'loading' || top.view.state === 'idle' ? <p class="empty">Loading…</p> : null}
      {top.view.state === 'failed' ? <Failure error={top.view.error} /> : null}
      {'track' in top ? (top.view.state === 'done' ? <TrackBody track={top.track} view={top.view.value} /> : null) : top.view.state === 'done' ? <EntityBody entity={top.entity} view={top.view.value} /> : null}
    </div>
  );
}
