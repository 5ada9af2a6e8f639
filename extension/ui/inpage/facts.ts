/**
 * The BPM/key chip beside an in-page button: from what the page itself says (Beatport rows), or from
 * a Beatport match the background found for a SoundCloud or Mixcloud track (`track.match`). Keys
 * arrive in standard notation and are shown in the user's; a match links to its Beatport page.
 */
import { convertKey, type KeyNotation } from '../../../shared/keys';
import type { TrackRef } from '../../../shared/track';

export interface TrackFacts {
  bpm?: number;
  /** Any notation convertKey reads; shown in the user's. */
  key?: string;
  /** Set for a Beatport match (0..1); absent for facts the page states itself. */
  score?: number;
  beatportUrl?: string;
}

/** What the page states about the item itself; undefined when it states neither BPM nor key. */
export function factsOf(ref: TrackRef): TrackFacts | undefined {
  return ref.bpm || ref.key ? { ...(ref.bpm ? { bpm: ref.bpm } : {}), ...(ref.key ? { key: ref.key } : {}) } : undefined;
}

/** "128 BPM · 8A"; empty when neither is known. BPM is an integer, as DJ software shows it. */
export function factsText(facts: TrackFacts | undefined, notation: KeyNotation): string {
  const out: string[] = [];
  if (facts?.bpm && Number.isFinite(facts.bpm) && facts.bpm > 0) out.push(`${Math.round(facts.bpm)} BPM`);
  if (facts?.key) out.push(convertKey(facts.key, notation) ?? facts.key.slice(0, 12));
  return out.join(' · ');
}

/** Only Beatport's own https pages become links: the URL comes from a message, not from us. */
export function beatportLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && /(^|\.)beatport\.com$/.test(u.hostname) && u.href.length <= 2048 ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function describe(facts: TrackFacts, text: string): string {
  if (facts.score === undefined && !facts.beatportUrl) return 'BPM and key';
  const score = facts.score !== undefined && Number.isFinite(facts.score) ? ` (match ${Math.round(Math.min(1, Math.max(0, facts.score)) * 100)}%)` : '';
  return `From Beatport: ${text}${score}`;
}

/**
 * Show, update or remove the chip in a button's shadow root. It goes right after the download
 * button (before "Copy tags"); an empty text removes it.
 */
export function renderFacts(host: HTMLElement, facts: TrackFacts | undefined, notation: KeyNotation): void {
  const root = host.shadowRoot;
  if (!root) return;
  const text = factsText(facts, notation);
  const old = root.querySelector('.facts');
  if (!facts || !text) {
    old?.remove();
    return;
  }
  const href = beatportLink(facts.beatportUrl);
  let chip = old;
  if (!chip || (href ? chip.localName !== 'a' : chip.localName === 'a')) {
    old?.remove();
    chip = document.createElement(href ? 'a' : 'span');
    chip.className = `facts${facts.score !== undefined || href ? ' match' : ''}`;
    if (href) {
      chip.setAttribute('target', '_blank');
      chip.setAttribute('rel', 'noopener noreferrer');
      // A link inside a clickable row: open Beatport, do not also play or open the row.
      chip.addEventListener('click', (ev) => ev.stopPropagation());
    }
    const button = root.querySelector('.dh');
    if (button) button.after(chip);
    else root.append(chip);
  }
  if (href) chip.setAttribute('href', href);
  chip.textContent = text;
  const title = describe(facts, text);
  chip.setAttribute('title', title);
  chip.setAttribute('aria-label', title);
}
