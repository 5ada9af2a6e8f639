/** The toolbar popup: the page's items with per-item and "download all", and the queue. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { describeError } from '../../../shared/errors';
import { trackKey } from '../../../shared/jobs';
import { downloadAllLabel, downloadLeft } from './download-left';
import { ItemRow } from './ItemRow';
import { UncheckedNotice } from './MatchLine';
import { QueueTab } from './QueueTab';
import { AccountsLine } from '../accounts/Accounts';
import '../accounts/accounts.css';
import { BrowseView } from './BrowseView';
import { ChartsTab } from './ChartsTab';
import { SearchTab } from './SearchTab';
import { views } from './browse-state';
import { download, hostStatus, jobForTrack, jobs, loading, loadPopup, pageItems, pageUrl } from './state';

function HostChip() {
  const s = hostStatus.value;
  if (!s) return <span class="chip">Checking host…</span>;
  return s.connected ? (
    <span class="chip on" title={`Native host ${s.hostVersion ?? ''} — library ${s.defaultLibraryRoot ?? ''}`}>Native host</span>
  ) : (
    <span class="chip off" title={s.error ? describeError(s.error.code).action : ''}>Browser mode</span>
  );
}

function ThisPage() {
  const items = pageItems.value;
  if (loading.value) return <p class="empty">Loading…</p>;
  if (!items.length) {
    return (
      <div class="empty">
        <p><strong>Nothing to download here.</strong></p>
        <p>Open a track, set, show, chart or profile on SoundCloud, Mixcloud or Beatport and its items appear here.</p>
      </div>
    );
  }
  // Only what a click would queue: saved, queued and running items are left alone.
  const left = downloadLeft(items, jobForTrack);
  const all = downloadAllLabel(left);
  return (
    <>
      <div class="bar">
        <span class="muted">{items.length} item{items.length === 1 ? '' : 's'} on this page</span>
        <button type="button" class="primary" disabled={all.disabled} title={all.title} onClick={() => left.left.forEach((i) => void download(i))}>
          {all.text}
        </button>
      </div>
      <UncheckedNotice tracks={items} />
      <ul class="list" aria-label="Items on this page">
        {items.map((item) => (
          <ItemRow key={trackKey(item)} item={item} job={jobForTrack(trackKey(item))} onDownload={(r) => void download(r)} />
        ))}
      </ul>
    </>
  );
}

type TabId = 'page' | 'search' | 'charts' | 'queue';
const TABS: ReadonlyArray<readonly [TabId, string]> = [['page', 'This page'], ['search', 'Search'], ['charts', 'Charts'], ['queue', 'Queue']];

/** Arrow keys, Home and End move between the tabs (the WAI-ARIA tabs pattern: one Tab stop for the row). */
function onTabKey(e: KeyboardEvent, current: TabId, choose: (id: TabId) => void): void {
  const at = TABS.findIndex(([id]) => id === current);
  const to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : undefined;
  if (to === undefined) return;
  e.preventDefault();
  const next = TABS[(to + TABS.length) % TABS.length]![0];
  choose(next);
  document.getElementById(`tab-${next}`)?.focus();
}

export function Popup() {
  const tab = useSignal<TabId>('page');
  useEffect(() => void loadPopup(), []);
  // Search and Charts open on their own form, not on a view opened from them earlier.
  const choose = (id: TabId) => {
    tab.value = id;
    if (id === 'search' || id === 'charts') views.value = [];
  };
  const active = [...jobs.value.values()].filter((j) => j.state === 'running' || j.state === 'queued').length;
  return (
    <main>
      <header>
        <h1>Deckhand</h1>
        <HostChip />
      </header>
      <AccountsLine />
      <nav role="tablist" aria-label="Views" onKeyDown={(e) => onTabKey(e, tab.value, choose)}>
        {TABS.map(([id, name]) => (
          <button key={id} id={`tab-${id}`} role="tab" type="button" aria-selected={tab.value === id} aria-controls="panel" tabIndex={tab.value === id ? 0 : -1} onClick={() => choose(id)}>
            {name}{id === 'queue' && active ? ` (${active})` : ''}
          </button>
        ))}
      </nav>
      <section role="tabpanel" id="panel" aria-labelledby={`tab-${tab.value}`} title={pageUrl.value}>
        {views.value.length && tab.value !== 'queue' ? <BrowseView /> : null}
        <div hidden={!!views.value.length && tab.value !== 'queue'}>
          {tab.value === 'page' ? <ThisPage /> : tab.value === 'search' ? <SearchTab /> : tab.value === 'charts' ? <ChartsTab /> : <QueueTab />}
        </div>
      </section>
      <footer class="popup-footer"><a href="/tagger.html" target="_blank">Tag files in a folder…</a></footer>
    </main>
  );
}
