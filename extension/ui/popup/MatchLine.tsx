/**
 * A row's Beatport match: "Beatport: <title> · 122 BPM · 8A · 94 %" with a link to the Beatport page
 * and "Not this one". Asked for when the row scrolls into view (match-state.ts bounds the asks).
 */
import { useEffect, useRef } from 'preact/hooks';
import { trackKey } from '../../../shared/jobs';
import { convertKey } from '../../../shared/keys';
import type { TrackRef } from '../../../shared/track';
import { keyNotation, matchable, matches, rejectMatch, requestMatch } from './match-state';
import './match.css';

export function MatchLine({ item }: { item: TrackRef }) {
  const ref = useRef<HTMLDivElement>(null);
  const view = matches.value.get(trackKey(item));
  const wanted = matchable(item);
  useEffect(() => {
    const el = ref.current;
    if (!el || !wanted) return;
    if (typeof IntersectionObserver === 'undefined') return requestMatch(item);
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        requestMatch(item);
        seen.disconnect();
      }
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, [item.platform, item.id, wanted]);
  if (!wanted) return null;
  if (!view) return <div ref={ref} class="match muted" data-match="pending">Beatport…</div>;
  if (view.status === 'none') return <div ref={ref} class="match muted" data-match="none">No Beatport match</div>;
  if (view.status === 'unavailable') {
    // The reason is the same for every row: UncheckedNotice says it once above the list.
    return <div ref={ref} class="match muted" data-match="unavailable" title={view.note}>Beatport not checked</div>;
  }
  const key = view.key ? convertKey(view.key, keyNotation.value) ?? view.key : undefined;
  const facts = [
    view.bpm ? `${view.bpm} BPM` : '',
    key ?? '',
    view.sameVersion === false ? 'other version' : '',
    view.score !== undefined ? `${Math.round(view.score * 100)}%` : '',
  ].filter(Boolean);
  return (
    <div ref={ref} class="match" data-match="matched" data-beatport-id={view.beatportId}>
      <a href={view.beatportUrl} target="_blank" rel="noopener noreferrer" dir="auto" title={`${view.artists?.join(', ') ?? ''} — ${view.title ?? ''}`}>
        Beatport: {view.title}
      </a>
      {facts.length ? <span class="match-facts">{facts.join(' · ')}</span> : null}
      <button type="button" class="reject" onClick={() => void rejectMatch(view)} aria-label={`Not this one: ${view.title ?? 'this Beatport track'}`}>
        Not this one
      </button>
    </div>
  );
}

/**
 * Why Beatport was not checked, once above a list whose rows say "Beatport not checked": one line
 * that opens to the reason, so the list keeps its place in the popup's height.
 */
export function UncheckedNotice({ tracks }: { tracks: readonly TrackRef[] }) {
  const all = matches.value;
  const note = tracks.map((t) => all.get(trackKey(t))).find((v) => v?.status === 'unavailable')?.note;
  if (!note) return null;
  return (
    <details class="match-notice" data-match-notice>
      <summary>Beatport BPM and key not checked — why?</summary>
      <p>{note}</p>
    </details>
  );
}
