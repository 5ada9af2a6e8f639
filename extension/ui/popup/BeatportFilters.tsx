/**
 * The Search tab's Beatport-only filters: genre and sub-genre (sent as genre_id / sub_genre_id), label
 * (a name, or one picked from Beatport's labels list: label_id) and release date range. Results of SoundCloud and Mixcloud do not state these facts, so setting one leaves
 * Beatport tracks only (background/browse-rank.ts).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { EntityRef, GenreOption, SearchFilters } from '../../../shared/browse';
import { send } from '../../core/messaging';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's Beatport fields -> filters, leaving out what is empty or malformed. */
export function beatportFiltersOf(fields: Record<string, string>): Partial<SearchFilters> {
  const f: Partial<SearchFilters> = {};
  const sub = Number(fields.subGenre);
  if (Number.isInteger(sub) && sub > 0) f.subGenreId = sub;
  const genre = Number(fields.bpGenre);
  if (Number.isInteger(genre) && genre > 0) f.genreId = genre;
  const label = Number(fields.labelId);
  // A label picked from Beatport's list is exact (label_id); typed text matches names instead.
  if (Number.isInteger(label) && label > 0) f.labelId = label;
  else if (fields.label?.trim()) f.label = fields.label.trim();
  if (DATE.test(fields.releasedFrom ?? '')) f.releasedFrom = fields.releasedFrom;
  if (DATE.test(fields.releasedTo ?? '')) f.releasedTo = fields.releasedTo;
  return f;
}

/** Beatport labels for the typed name, a moment after typing stops. */
function useLabelLookup() {
  const labels = useSignal<EntityRef[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const lookup = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim().length < 2) {
      labels.value = [];
      return;
    }
    timer.current = setTimeout(() => {
      send('browse.labels', { query: text.trim() }).then((r) => (labels.value = r.labels), () => (labels.value = []));
    }, 300);
  };
  return { labels, lookup };
}

export function BeatportFilters({ last }: { last: SearchFilters | undefined }) {
  const genres = useSignal<GenreOption[]>([]);
  const subGenres = useSignal<GenreOption[]>([]);
  const genre = useSignal(last?.genreId ? String(last.genreId) : '');
  const { labels, lookup } = useLabelLookup();
  const pickGenre = (id: string) => {
    genre.value = id;
    subGenres.value = [];
    if (id) send('browse.subGenres', { genreId: Number(id) }).then((g) => (subGenres.value = g.genres), () => undefined);
  };
  useEffect(() => {
    send('browse.genres', {}).then((g) => (genres.value = g.genres), () => undefined);
    if (genre.value) pickGenre(genre.value);
  }, []);
  return (
    <div class="beatport-only" role="group" aria-labelledby="f-bp-title">
      <p class="group-title" id="f-bp-title">Beatport only</p>
      <div class="row">
        <label class="lbl" for="f-bp-genre">Genre</label>
        <select id="f-bp-genre" name="bpGenre" aria-label="Beatport genre" value={genre.value} onChange={(e) => pickGenre((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">Any genre</option>
          {genres.value.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
        </select>
      </div>
      <div class="row">
        <label class="lbl" for="f-bp-sub">Sub-genre</label>
        <select id="f-bp-sub" name="subGenre" disabled={!subGenres.value.length}>
          <option value="">{genre.value ? 'Any sub-genre' : 'Pick a genre first'}</option>
          {subGenres.value.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
        </select>
      </div>
      <div class="row">
        <label class="lbl" for="f-bp-label">Label</label>
        <input id="f-bp-label" name="label" placeholder="Name" defaultValue={last?.label ?? ''} onInput={(e) => lookup((e.currentTarget as HTMLInputElement).value)} />
        <select name="labelId" aria-label="Beatport label from the list" disabled={!labels.value.length}>
          <option value="">{labels.value.length ? `Any of ${labels.value.length} labels` : 'Type a name'}</option>
          {labels.value.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </select>
      </div>
      <div class="row">
        <label class="lbl" for="f-bp-from">Released</label>
        <input id="f-bp-from" name="releasedFrom" type="date" aria-label="Released from" defaultValue={last?.releasedFrom ?? ''} />
        <span class="sep" aria-hidden="true">–</span>
        <input name="releasedTo" type="date" aria-label="Released until" defaultValue={last?.releasedTo ?? ''} />
      </div>
    </div>
  );
}
