/** Search tab: one query over SoundCloud, Mixcloud and Beatport, merged and ranked, with filters and paging. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { SearchFilters, SearchType } from '../../../shared/browse';
import { describeError } from '../../../shared/errors';
import { PLATFORM_IDS, PLATFORM_NAMES, type PlatformId } from '../../../shared/platform';
import { trackKey } from '../../../shared/jobs';
import { lastSearch, runSearch, searchResult, type SearchForm } from './browse-state';
import { BeatportFilters, beatportFiltersOf } from './BeatportFilters';
import { EntityRow, Failure, TrackRow } from './BrowseRows';
import { UncheckedNotice } from './MatchLine';

const num = (v: string) => (v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

/** The form's text fields -> filters (minutes for duration), leaving out what is empty. */
function filtersOf(fields: Record<string, string>, platforms: PlatformId[]): SearchFilters {
  const f: SearchFilters = { type: (fields.type as SearchType) || 'tracks' };
  if (platforms.length && platforms.length < PLATFORM_IDS.length) f.platforms = platforms;
  if (fields.genre?.trim()) f.genre = fields.genre.trim();
  if (fields.key?.trim()) f.key = fields.key.trim();
  const bpmMin = num(fields.bpmMin ?? '');
  const bpmMax = num(fields.bpmMax ?? '');
  const durMin = num(fields.durMin ?? '');
  const durMax = num(fields.durMax ?? '');
  if (bpmMin !== undefined) f.bpmMin = bpmMin;
  if (bpmMax !== undefined) f.bpmMax = bpmMax;
  if (durMin !== undefined) f.durationMinMs = durMin * 60_000;
  if (durMax !== undefined) f.durationMaxMs = durMax * 60_000;
  return { ...f, ...beatportFiltersOf(fields) };
}

function Results() {
  const r = searchResult.value;
  const form = lastSearch.value;
  if (r.state === 'idle') return <p class="empty">Search tracks, shows, artists, labels and sets on all three platforms at once.</p>;
  if (r.state === 'loading') return <p class="empty" aria-live="polite">Searching…</p>;
  if (r.state === 'failed') return <Failure error={r.error} />;
  const page = r.value;
  return (
    <>
      {page.failures.map((f) => (
        <p class="status warn notice" key={f.platform} role="status">
          {PLATFORM_NAMES[f.platform]}: {describeError(f.error.code).title} — {f.error.message || describeError(f.error.code).action}
        </p>
      ))}
      {/* A failed Beatport search already says why Beatport could not be read. */}
      {page.failures.some((f) => f.platform === 'beatport') ? null : <UncheckedNotice tracks={page.hits.flatMap((h) => (h.type === 'track' ? [h.track] : []))} />}
      {page.hits.length ? (
        <ul class="list" aria-label="Search results">
          {page.hits.map((h) =>
            h.type === 'track' ? (
              <TrackRow key={trackKey(h.track)} track={h.track} />
            ) : (
              <EntityRow key={`${h.entity.platform}:${h.entity.id}`} entity={h.entity} />
            ),
          )}
        </ul>
      ) : (
        <p class="empty"><strong>No results.</strong> Try fewer words or loosen the filters.</p>
      )}
      {form && (page.page > 1 || page.hasMore) ? (
        <div class="bar pager">
          <button type="button" class="link" disabled={page.page <= 1} onClick={() => void runSearch({ ...form, page: page.page - 1 })}>‹ Previous</button>
          <span class="muted">Page {page.page}</span>
          <button type="button" class="link" disabled={!page.hasMore} onClick={() => void runSearch({ ...form, page: page.page + 1 })}>Next ›</button>
        </div>
      ) : null}
    </>
  );
}

export function SearchTab() {
  const showFilters = useSignal(false);
  const platforms = useSignal<PlatformId[]>(lastSearch.value?.filters.platforms ?? [...PLATFORM_IDS]);
  // Reopening the popup shows the last search again (answered from the response cache).
  useEffect(() => {
    if (lastSearch.value && searchResult.value.state === 'idle') void runSearch(lastSearch.value);
  }, []);
  const last = lastSearch.value;
  const submit = (e: Event) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget as HTMLFormElement).entries()) as Record<string, string>;
    const query = (data.q ?? '').trim();
    if (!query) return;
    const form: SearchForm = { query, filters: filtersOf(data, platforms.value), page: 1 };
    void runSearch(form);
  };
  const toggle = (p: PlatformId) => {
    platforms.value = platforms.value.includes(p) ? platforms.value.filter((x) => x !== p) : [...platforms.value, p];
  };
  return (
    <div class="search">
      <form class="search-form" onSubmit={submit} role="search">
        <input name="q" type="search" placeholder="Artist, title, label…" aria-label="Search" defaultValue={last?.query ?? ''} autoFocus maxLength={200} />
        <select name="type" aria-label="What to search" defaultValue={last?.filters.type ?? 'tracks'}>
          <option value="tracks">Tracks</option>
          <option value="people">People</option>
          <option value="sets">Sets</option>
        </select>
        <button type="submit" class="primary">Search</button>
        <button type="button" class="link" aria-expanded={showFilters.value} onClick={() => (showFilters.value = !showFilters.value)}>Filters</button>
        {/* One label column, so every control lines up: "BPM [ ] – [ ]", "Length [ ] – [ ] min". */}
        <fieldset class="filters" hidden={!showFilters.value} aria-label="Filters">
          <div class="row" role="group" aria-label="Platforms">
            {PLATFORM_IDS.map((p) => (
              <label key={p} class="check"><input type="checkbox" name={`platform-${p}`} checked={platforms.value.includes(p)} onChange={() => toggle(p)} /> {PLATFORM_NAMES[p]}</label>
            ))}
          </div>
          <div class="row">
            <label class="lbl" for="f-genre">Genre</label>
            <input id="f-genre" name="genre" defaultValue={last?.filters.genre ?? ''} />
            <label for="f-key">Key</label>
            <input id="f-key" name="key" class="key" placeholder="Am / 8A" defaultValue={last?.filters.key ?? ''} />
          </div>
          <div class="row">
            <label class="lbl" for="f-bpm-min">BPM</label>
            <input id="f-bpm-min" name="bpmMin" type="number" min={0} max={400} class="n" aria-label="BPM from" defaultValue={String(last?.filters.bpmMin ?? '')} />
            <span class="sep" aria-hidden="true">–</span>
            <input name="bpmMax" type="number" min={0} max={400} class="n" aria-label="BPM up to" defaultValue={String(last?.filters.bpmMax ?? '')} />
          </div>
          <div class="row">
            <label class="lbl" for="f-dur-min">Length</label>
            <input id="f-dur-min" name="durMin" type="number" min={0} class="n" aria-label="Length from, minutes" defaultValue={last?.filters.durationMinMs ? String(last.filters.durationMinMs / 60_000) : ''} />
            <span class="sep" aria-hidden="true">–</span>
            <input name="durMax" type="number" min={0} class="n" aria-label="Length up to, minutes" defaultValue={last?.filters.durationMaxMs ? String(last.filters.durationMaxMs / 60_000) : ''} />
            <span>min</span>
          </div>
          <BeatportFilters last={last?.filters} />
        </fieldset>
      </form>
      <Results />
    </div>
  );
}
