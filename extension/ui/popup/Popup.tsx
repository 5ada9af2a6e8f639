/** The toolbar popup: the page's items with per-item and "download all", and the queue. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { describeError } from '../../../shared/errors';
import { trackKey } from '../../../shared/jobs';
import { ItemRow } from './ItemRow';
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
  const downloadable = items.filter((i) => !i.unavailable);
  return (
    <>
      <div class="bar">
        <span class="muted">{items.length} item{items.length === 1 ? '' : 's'} on this page</span>
        <button type="button" class="primary" disabled={!downloadable.length} onClick={() => downloadable.forEach((i) => void download(i))}>
          Download all ({downloadable.length})
        </button>
      </div>
      <ul class="list" aria-label="Items on this page">
        {items.map((item) => (
          <ItemRow key={trackKey(item)} item={item} job={jobForTrack(trackKey(item))} onDownload={(r) => void download(r)} />
        ))}
      </ul>
    </>
  );
}

export function Popup() {
  const tab = useSignal<'page' | 'search' | 'charts' | 'queue'>('page');
  useEffect(() => void loadPopup(), []);
  const active = [...jobs.value.values()].filter((j) => j.state === 'running' || j.state === 'queued').length;
  return (
    <main>
      <header>
        <h1>Deckhand</h1>
        <HostChip />
      </header>
      <AccountsLine />
      <nav role="tablist" aria-label="Views">
        <button role="tab" type="button" aria-selected={tab.value === 'page'} onClick={() => (tab.value = 'page')}>This page</button>
        <button role="tab" type="button" aria-selected={tab.value === 'search'} onClick={() => ((tab.value = 'search'), (views.value = []))}>Search</button>
        <button role="tab" type="button" aria-selected={tab.value === 'charts'} onClick={() => ((tab.value = 'charts'), (views.value = []))}>Charts</button>
        <button role="tab" type="button" aria-selected={tab.value === 'queue'} onClick={() => (tab.value = 'queue')}>
          Queue{active ? ` (${active})` : ''}
        </button>
      </nav>
      <section role="tabpanel" title={pageUrl.value}>
        {views.value.length && tab.value !== 'queue' ? <BrowseView /> : null}
        <div hidden={!!views.value.length && tab.value !== 'queue'}>
          {tab.value === 'page' ? <ThisPage /> : tab.value === 'search' ? <SearchTab /> : tab.value === 'charts' ? <ChartsTab /> : <QueueTab />}
        </div>
      </section>
      <footer class="popup-footer"><a href="/tagger.html" target="_blank">Tag files in a folder…</a></footer>
    </main>
  );
}
