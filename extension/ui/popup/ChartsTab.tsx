/**
 * Charts tab: Beatport Top 100 / Hype 100 / DJ charts (overall or by genre; a DJ chart opens as a
 * view) and Mixcloud popular / hot / new (overall or by tag), every track with its download button;
 * above them, the signed-in user's own lists (My SoundCloud, My Mixcloud feed) when connected.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ChartId, GenreOption } from '../../../shared/browse';
import { send } from '../../core/messaging';
import type { AccountView } from '../../../shared/messages';
import { chartResult, loadChart, openMine } from './browse-state';
import { EntityRow, Failure, TrackRows } from './BrowseRows';

const LISTS = {
  beatport: [['top100', 'Top 100'], ['hype100', 'Hype 100'], ['djcharts', 'DJ charts']],
  mixcloud: [['popular', 'Popular'], ['hot', 'Hot'], ['new', 'New']],
} as const;

function Chart() {
  const r = chartResult.value;
  if (r.state === 'idle') return <p class="empty">Pick a chart and a genre.</p>;
  if (r.state === 'loading') return <p class="empty" aria-live="polite">Loading chart…</p>;
  if (r.state === 'failed') return <Failure error={r.error} />;
  return (
    <>
      <div class="bar">
        <strong>{r.value.title}</strong>
        <span class="muted">{r.value.entities ? `${r.value.entities.length} charts` : `${r.value.tracks.length} tracks`}</span>
      </div>
      {r.value.note ? <p class="muted notice">{r.value.note}</p> : null}
      {r.value.entities ? (
        r.value.entities.length ? (
          <ul class="list" aria-label={r.value.title}>{r.value.entities.map((c) => <EntityRow key={c.id} entity={c} />)}</ul>
        ) : (
          <p class="empty">No DJ charts here.</p>
        )
      ) : r.value.tracks.length ? (
        <TrackRows tracks={r.value.tracks} label={r.value.title} />
      ) : (
        <p class="empty">This chart is empty.</p>
      )}
    </>
  );
}

/** The signed-in user's own lists, one button per connected account: "My SoundCloud", "My Mixcloud feed". */
function Yours() {
  const accounts = useSignal<AccountView[]>([]);
  useEffect(() => {
    send('accounts.list', {}).then((r) => (accounts.value = r.accounts.filter((a) => a.connected)), () => undefined);
  }, []);
  if (!accounts.value.length) return null;
  return (
    <div class="bar yours" role="group" aria-label="Yours">
      <span class="muted">Yours:</span>
      {accounts.value.map((a) => (
        <button key={a.platform} type="button" class="secondary" data-mine={a.platform} onClick={() => void openMine(a.platform, a.profile?.name ?? MINE_NAMES[a.platform])}>
          {MINE_NAMES[a.platform]}
        </button>
      ))}
    </div>
  );
}

const MINE_NAMES = { soundcloud: 'My SoundCloud', mixcloud: 'My Mixcloud feed' } as const;

export function ChartsTab() {
  const platform = useSignal<'beatport' | 'mixcloud'>('beatport');
  const list = useSignal<string>('top100');
  const genre = useSignal('');
  const tag = useSignal('');
  const genres = useSignal<GenreOption[]>([]);
  useEffect(() => {
    send('browse.genres', {}).then((g) => (genres.value = g.genres), () => undefined);
  }, []);
  const submit = (e: Event) => {
    e.preventDefault();
    const id: ChartId =
      platform.value === 'beatport'
        ? { platform: 'beatport', list: list.value as 'top100' | 'hype100' | 'djcharts', ...(genre.value ? { genreId: Number(genre.value) } : {}) }
        : { platform: 'mixcloud', list: list.value as 'popular' | 'hot' | 'new', ...(tag.value.trim() ? { tag: tag.value.trim() } : {}) };
    void loadChart(id);
  };
  return (
    <div class="charts">
      <Yours />
      <form class="search-form" onSubmit={submit}>
        <select
          aria-label="Platform"
          value={platform.value}
          onChange={(e) => {
            platform.value = (e.currentTarget as HTMLSelectElement).value as 'beatport' | 'mixcloud';
            list.value = LISTS[platform.value][0][0];
          }}
        >
          <option value="beatport">Beatport</option>
          <option value="mixcloud">Mixcloud</option>
        </select>
        <select aria-label="Chart" value={list.value} onChange={(e) => (list.value = (e.currentTarget as HTMLSelectElement).value)}>
          {LISTS[platform.value].map(([value, name]) => <option key={value} value={value}>{name}</option>)}
        </select>
        {platform.value === 'beatport' ? (
          <select aria-label="Genre" value={genre.value} onChange={(e) => (genre.value = (e.currentTarget as HTMLSelectElement).value)}>
            <option value="">All genres</option>
            {genres.value.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        ) : (
          <input aria-label="Tag" placeholder="Tag (house, techno…)" size={12} value={tag.value} onInput={(e) => (tag.value = (e.currentTarget as HTMLInputElement).value)} />
        )}
        <button type="submit" class="primary">Show</button>
      </form>
      <Chart />
    </div>
  );
}
