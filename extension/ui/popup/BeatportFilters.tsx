/**
 * The Search tab's Beatport-only filters: sub-genre (picked under a Beatport genre), label and release
 * date range. Results of SoundCloud and Mixcloud do not state these facts, so setting one leaves
 * Beatport tracks only (background/browse-rank.ts).
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { GenreOption, SearchFilters } from '../../../shared/browse';
import { send } from '../../core/messaging';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's Beatport fields -> filters, leaving out what is empty or malformed. */
export function beatportFiltersOf(fields: Record<string, string>): Partial<SearchFilters> {
  const f: Partial<SearchFilters> = {};
  const sub = Number(fields.subGenre);
  if (Number.isInteger(sub) && sub > 0) f.subGenreId = sub;
  if (fields.label?.trim()) f.label = fields.label.trim();
  if (DATE.test(fields.releasedFrom ?? '')) f.releasedFrom = fields.releasedFrom;
  if (DATE.test(fields.releasedTo ?? '')) f.releasedTo = fields.releasedTo;
  return f;
}

export function BeatportFilters({ last }: { last: SearchFilters | undefined }) {
  const genres = useSignal<GenreOption[]>([]);
  const subGenres = useSignal<GenreOption[]>([]);
  const genre = useSignal('');
  useEffect(() => {
    send('browse.genres', {}).then((g) => (genres.value = g.genres), () => undefined);
  }, []);
  const pickGenre = (id: string) => {
    genre.value = id;
    subGenres.value = [];
    if (id) send('browse.subGenres', { genreId: Number(id) }).then((g) => (subGenres.value = g.genres), () => undefined);
  };
  return (
    <div class="row" role="group" aria-label="Beatport only">
      <span class="muted">Beatport:</span>
      <select aria-label="Beatport genre (for sub-genres)" value={genre.value} onChange={(e) => pickGenre((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">Genre…</option>
        {genres.value.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
      </select>
      <select name="subGenre" aria-label="Sub-genre" disabled={!subGenres.value.length}>
        <option value="">Any sub-genre</option>
        {subGenres.value.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
      </select>
      <label>Label <input name="label" size={10} defaultValue={last?.label ?? ''} /></label>
      <label>Released <input name="releasedFrom" type="date" aria-label="Released from" defaultValue={last?.releasedFrom ?? ''} /></label>
      <label>to <input name="releasedTo" type="date" aria-label="Released until" defaultValue={last?.releasedTo ?? ''} /></label>
    </div>
  );
}
