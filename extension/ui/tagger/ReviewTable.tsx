/**
 * The review table: one row per file, the file's current BPM/key/genre/label/ISRC beside what the
 * Beatport match would write, the match's title, score and link, an accept checkbox and the
 * outcome. A field that would not change shows the file's own value only; once written, a row shows
 * the tags the host read back from the rewritten file.
 */
import { convertKey } from '../../../shared/keys';
import type { FileTagsView } from '../../../shared/native-protocol';
import { notation, setAccepted, writable, type Row } from './state';

type Field = 'bpm' | 'key' | 'genre' | 'label' | 'isrc';
const FIELDS: { field: Field; label: string }[] = [
  { field: 'bpm', label: 'BPM' },
  { field: 'key', label: 'Key' },
  { field: 'genre', label: 'Genre' },
  { field: 'label', label: 'Label' },
  { field: 'isrc', label: 'ISRC' },
];

const fileName = (path: string) => path.split('/').pop() ?? path;

/** What the file holds now: the read-back tags after a write, else the tags from the scan. */
const tagsOf = (row: Row): FileTagsView => (row.write === 'written' && row.written ? row.written : row.file.tags);

function shown(field: Field, value: string | number | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (field === 'key' && typeof value === 'string') return convertKey(value, notation.value) ?? value;
  return String(value);
}

function FieldCell({ row, field }: { row: Row; field: Field }) {
  // Keys in the user's notation on both sides: an MP3's TKEY reads back in standard notation.
  const now = shown(field, tagsOf(row)[field]);
  if (row.write === 'written') return <td class={now ? undefined : 'muted'} data-field={field}>{now ?? '—'}</td>;
  const next = shown(field, row.proposal?.proposed[field]);
  if (next === undefined) return <td class={now ? '' : 'muted'}>{now ?? '—'}</td>;
  return (
    <td class="change" data-field={field}>
      {now ? <del aria-label={`now ${now}`}>{now}</del> : null}
      <ins aria-label={`becomes ${next}`}>{next}</ins>
    </td>
  );
}

function MatchCell({ row }: { row: Row }) {
  if (row.match === 'waiting' || row.match === 'matching') return <td class="muted" aria-busy="true">Looking up…</td>;
  if (row.match === 'failed') return <td class="warn">{row.matchError?.message ?? 'Could not be looked up.'}</td>;
  const m = row.proposal?.match;
  if (!m || m.status !== 'matched') return <td class="muted" data-match={m?.status ?? 'none'}>{m?.note ?? 'No confident Beatport match.'}</td>;
  const score = Math.round((m.score ?? 0) * 100);
  return (
    <td data-match="matched" data-beatport-id={m.beatportId}>
      <a href={m.beatportUrl} target="_blank" rel="noreferrer">{m.title}</a>
      {m.artists?.length ? <span class="muted"> · {m.artists.join(', ')}</span> : null}
      <span class="score" title="Match score">{score}%</span>
      {m.sameVersion === false ? <span class="muted"> (another version: BPM and key not taken)</span> : null}
    </td>
  );
}

function Outcome({ row }: { row: Row }) {
  if (row.write === 'writing') return <span aria-busy="true">Writing…</span>;
  if (row.write === 'written') return <span class="ok">Tags written</span>;
  if (row.write === 'failed') return <span class="warn">Failed: {row.writeError?.message}</span>;
  if (!row.file.writable) return <span class="muted">{row.file.format.toUpperCase()}: not written</span>;
  if (row.match === 'done' && row.proposal?.match.status !== 'matched') return <span class="muted">Left as it is</span>;
  if (row.match === 'done' && !writable(row)) return <span class="muted">Nothing to change</span>;
  return null;
}

export function ReviewTable({ rows }: { rows: Row[] }) {
  return (
    <table class="review" aria-describedby="review-hint">
      <caption>Review: current tags and what Beatport would add</caption>
      <thead>
        <tr>
          <th scope="col">Accept</th>
          <th scope="col">File</th>
          <th scope="col">Beatport match</th>
          {FIELDS.map((f) => <th scope="col" key={f.field}>{f.label}</th>)}
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const tags = tagsOf(row);
          const title = tags.title ?? fileName(row.file.path);
          const artists = tags.artists?.join(', ');
          const id = `file-${row.file.path}`;
          return (
            <tr key={row.file.path} data-path={row.file.path} data-outcome={row.write ?? ''}>
              <td>
                <input
                  type="checkbox"
                  aria-labelledby={id}
                  checked={row.accepted && writable(row)}
                  disabled={!writable(row) || row.write === 'written' || row.write === 'writing'}
                  onChange={(e) => setAccepted(row.file.path, e.currentTarget.checked)}
                />
              </td>
              <th scope="row" id={id} title={row.file.path}>
                {title}
                {artists ? <span class="muted"> · {artists}</span> : null}
                <span class="path">{row.file.path}</span>
              </th>
              <MatchCell row={row} />
              {FIELDS.map((f) => <FieldCell key={f.field} row={row} field={f.field} />)}
              <td class="outcome"><Outcome row={row} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
