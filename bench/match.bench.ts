/**
 * Precision and recall of the Beatport matcher (shared/match) on a labelled set built from the replica
 * catalogue (imported directly: no server). Each Beatport track yields a SoundCloud/Mixcloud-style
 * source with realistic perturbations (artist order, separators, feat. moved, "Original Mix" dropped,
 * remixer in the title, case, accents, transliteration, "Artist - Title" uploads by a label channel,
 * extended-only on Beatport with the shorter edit uploaded); other sources are NOT on Beatport and
 * must not match. Candidates are what a forgiving search returns (see candidatesFor), with the true
 * track added when the replica's search for `searchQuery(source)` missed it: search recall is
 * reported on its own, it is not the matcher's. Also prints precision/recall over a threshold sweep.
 * Targets: precision ≥ 0.98, recall ≥ 0.90; a false match is worse than a miss.
 */
import { catalogue } from '../e2e/replica/platforms/beatport/catalogue';
import { HOSTILE_TITLE, SPECIAL_RELEASES } from '../e2e/replica/platforms/beatport/catalogue-special';
import { BEATPORT_FIXTURES } from '../e2e/replica/platforms/beatport/fixtures';
import type { BpTrack } from '../e2e/replica/platforms/beatport/model';
import { ARTIST_NAMES, LABEL_NAMES, TITLE_FIRST, TITLE_SECOND } from '../e2e/replica/platforms/beatport/names';
import { search } from '../e2e/replica/platforms/beatport/queries';
import { trackItem } from '../e2e/replica/platforms/beatport/api-tracks';
import { Rng } from '../e2e/replica/rng';
import { firstCredit } from '../shared/match/query';
import { parseTitle, splitUploadTitle } from '../shared/match/title';
import { fieldsToMerge, MATCH_THRESHOLD, matchTrack, searchQuery, type BeatportCandidate, type MatchSource, type TrackMatch } from '../shared/match';
import { writeResult } from './report';

interface Case {
  /** The perturbations applied (the first names the case in the report). */
  tags: string[];
  source: MatchSource;
  /** Undefined: not on Beatport. */
  expected?: BpTrack;
  /** Tracks hidden from the candidates (simulating that Beatport lacks them). */
  hidden?: Set<number>;
  /** Other tracks that are equally right (another edit of the same recording when the upload's is missing). */
  alsoRight?: Set<number>;
  /** For sources not on Beatport: the track they resemble (its look-alikes join the candidates). */
  resembles?: BpTrack;
  /** The version on Beatport differs from the upload: BPM/key must not be merged. */
  otherVersion?: boolean;
}

const cat = catalogue();
const rng = new Rng('deckhand-match-bench');
const TRACKS = [...cat.tracks.values()].filter((t) => t.name !== HOSTILE_TITLE);
const artistsOf = (t: BpTrack) => t.artistIds.map((id) => cat.artists.get(id)?.name ?? '');
const remixersOf = (t: BpTrack) => t.remixerIds.map((id) => cat.artists.get(id)?.name ?? '');
const sameSong = (a: BpTrack, b: BpTrack) => a.name.trim() === b.name.trim() && artistsOf(a).join() === artistsOf(b).join();
const songs = (t: BpTrack) => TRACKS.filter((o) => sameSong(o, t));
const chance = (p: number) => rng.next() < p;

/** The bench's own transliteration (not the matcher's table): two schemes uploaders use. */
const TRANSLIT: Record<string, [string, string]> = {
  а: ['a', 'a'], б: ['b', 'b'], в: ['v', 'v'], г: ['g', 'g'], д: ['d', 'd'], е: ['e', 'e'], ё: ['e', 'jo'], ж: ['zh', 'zh'],
  з: ['z', 'z'], и: ['i', 'i'], й: ['y', 'j'], к: ['k', 'k'], л: ['l', 'l'], м: ['m', 'm'], н: ['n', 'n'], о: ['o', 'o'],
  п: ['p', 'p'], р: ['r', 'r'], с: ['s', 's'], т: ['t', 't'], у: ['u', 'u'], ф: ['f', 'f'], х: ['kh', 'h'], ц: ['ts', 'c'],
  ч: ['ch', 'ch'], ш: ['sh', 'sh'], щ: ['shch', 'sch'], ъ: ['', ''], ы: ['y', 'y'], ь: ['', ''], э: ['e', 'e'], ю: ['yu', 'ju'], я: ['ya', 'ja'],
};
function transliterate(text: string, scheme: 0 | 1): string {
  return [...text].map((ch) => {
    const lower = ch.toLowerCase();
    const latin = TRANSLIT[lower]?.[scheme];
    if (latin === undefined) return ch;
    return lower !== ch && latin ? latin[0]?.toUpperCase() + latin.slice(1) : latin;
  }).join('');
}
const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

function credit(names: string[]): string {
  if (names.length < 2) return names[0] ?? '';
  const style = rng.pick([', ', ' & ', ' x ', ' and ', ' feat. ']);
  return names.slice(0, -1).join(style === ' feat. ' ? ', ' : style) + style + names[names.length - 1];
}

function versionSuffix(mixName: string, drop: boolean): string {
  return drop ? '' : rng.pick([` (${mixName})`, ` [${mixName}]`, ` - ${mixName}`]);
}

function jitteredLength(t: BpTrack, withLength: boolean): number | undefined {
  return withLength && t.lengthMs !== null ? t.lengthMs + rng.int(-2000, 2000) : undefined;
}

/** "Lantern Code" -> "Lantren Code": two neighbouring letters swapped in the longest word. */
function typo(title: string): string {
  const word = title.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
  if (word.length < 6) return title;
  const at = rng.int(1, word.length - 3);
  return title.replace(word, word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2));
}

/** One upload of a Beatport track, with perturbations picked at random (`hard` makes them likelier). */
function upload(t: BpTrack, hard = false): Case {
  const p = (base: number) => chance(hard ? Math.min(1, base * 2) : base);
  const tags: string[] = [];
  let artists = artistsOf(t);
  let name = t.name.trim();
  if (artists.length > 1 && p(0.5)) {
    artists = [...artists].reverse();
    tags.push('artist-order');
  }
  const feat = / feat\. (.+)$/.exec(name);
  if (feat) {
    name = name.slice(0, feat.index);
    artists = artists.filter((a) => a !== feat[1]);
    if (p(0.25)) name += ` (feat. ${feat[1]})`;
    else artists = [`${artists.join(' & ')} ft. ${feat[1]}`];
    tags.push('feat-moved');
  }
  const dropMix = t.mixName === 'Original Mix' ? p(0.3) : ['Extended Mix', 'Club Mix', 'Radio Edit'].includes(t.mixName) && p(0.2);
  let title = name + versionSuffix(t.mixName, dropMix);
  if (dropMix) tags.push(t.mixName === 'Original Mix' ? 'original-dropped' : 'mix-dropped');
  if (t.mixName.endsWith('Remix')) tags.push('remixer-in-title');
  const remixer = / (?:Remix|Dub)$/.test(t.mixName) ? t.mixName.replace(/ (?:Remix|Dub)$/, '') : undefined;
  if (remixer && p(0.2)) {
    artists = [remixer];
    tags.push('remixer-only-credit');
  } else if (t.remixerIds.length && p(0.4)) artists = [...artists, ...remixersOf(t)];
  if (/[\u0400-\u04ff]/.test(title + artists.join()) && p(0.3)) {
    const scheme = rng.pick([0, 1] as const);
    title = transliterate(title, scheme);
    artists = artists.map((a) => transliterate(a, scheme));
    tags.push('transliterated');
  } else if (p(0.3)) {
    title = stripAccents(title);
    artists = artists.map(stripAccents);
    if (/[^\x00-\x7f]/.test(t.name + artistsOf(t).join())) tags.push('accents');
  }
  if (p(0.1)) {
    title = typo(title);
    tags.push('typo');
  }
  if (p(0.2)) {
    title = title.toUpperCase();
    artists = artists.map((a) => a.toLowerCase());
    tags.push('case');
  }
  const creditText = credit(artists);
  if (artists.length > 1 && !creditText.includes(' & ')) tags.push('separators');
  if (p(0.1)) title = rng.pick(['Premiere: ', 'PREMIERE | ']) + title + rng.pick(['', ' [FREE DOWNLOAD]']);
  const release = cat.releases.get(t.releaseId);
  const labelName = release ? cat.labels.get(release.labelId)?.name : undefined;
  if (release && labelName && p(0.1)) {
    title += rng.pick([` [${release.catalogNumber}]`, ` | ${labelName}`, ` (OUT NOW ON ${labelName.toUpperCase()})`]);
    tags.push('channel-noise');
  }
  const source: MatchSource = { title, artists: [creditText] };
  if (p(0.25)) {
    // Uploaded by the label's channel: "Artist - Title", the channel as the artist.
    source.title = `${creditText} - ${title}`;
    source.artists = [rng.pick(LABEL_NAMES)[0]];
    tags.push('upload-title');
  }
  const length = jitteredLength(t, dropMix && t.mixName !== 'Original Mix' ? true : chance(0.8));
  if (length !== undefined) source.durationMs = length;
  if (t.isrc && p(0.15)) {
    source.isrc = t.isrc;
    tags.push('isrc');
  }
  return { tags: tags.length ? tags : ['plain'], source, expected: t };
}

/** Only an extended (or club) mix is on Beatport; the upload is the shorter edit. */
function extendedOnly(t: BpTrack): Case | undefined {
  if (!['Extended Mix', 'Club Mix'].includes(t.mixName) || t.lengthMs === null) return undefined;
  if (songs(t).some((o) => ['Original Mix', 'Radio Edit'].includes(o.mixName))) return undefined;
  const durationMs = t.lengthMs - rng.int(60_000, 150_000);
  // A sibling of that very length would be the upload's own version (the generator repeats titles).
  if (songs(t).some((o) => o.lengthMs !== null && Math.abs(o.lengthMs - durationMs) < 10_000)) return undefined;
  const source: MatchSource = { title: t.name.trim(), artists: [credit(artistsOf(t))], durationMs };
  if (chance(0.3)) source.isrc = `QZ${rng.alnum(3).toUpperCase()}2${rng.int(1_000_000, 9_999_999)}`;
  const alsoRight = new Set(songs(t).filter((o) => ['Extended Mix', 'Club Mix'].includes(o.mixName)).map((o) => o.id));
  return { tags: ['extended-only'], source, expected: t, alsoRight, otherVersion: true };
}

/** The original and another edit are both on Beatport: the length must pick the original. */
function originalAmongEdits(t: BpTrack): Case | undefined {
  if (t.mixName !== 'Original Mix' || t.lengthMs === null) return undefined;
  if (!songs(t).some((o) => ['Extended Mix', 'Club Mix', 'Radio Edit', 'Dub'].includes(o.mixName))) return undefined;
  return { tags: ['extended-vs-original'], source: { title: t.name.trim(), artists: [credit(artistsOf(t))], durationMs: jitteredLength(t, true) as number }, expected: t };
}

function negatives(): Case[] {
  const out: Case[] = [];
  const artistTitles = new Set(TRACKS.flatMap((t) => artistsOf(t).map((a) => `${a}|${t.name.trim()}`)));
  while (out.length < 40) {
    const artist = rng.pick(ARTIST_NAMES);
    const title = `${rng.pick(TITLE_FIRST)} ${rng.pick(TITLE_SECOND)}`;
    if (!artistTitles.has(`${artist}|${title}`)) out.push({ tags: ['not-on-beatport:unknown-title'], source: { title, artists: [artist], durationMs: rng.int(190, 460) * 1000 } });
  }
  for (const t of TRACKS.filter((_, i) => i % 10 === 0)) {
    // Not credited on the song, nor named as a remixer in any of its mix names.
    const others = ARTIST_NAMES.filter((a) => !artistTitles.has(`${a}|${t.name.trim()}`) && !TRACKS.some((o) => o.name.trim() === t.name.trim() && o.mixName.includes(a)));
    out.push({ tags: ['not-on-beatport:other-artist'], resembles: t, source: { title: t.name.trim(), artists: [rng.pick(others)], durationMs: jitteredLength(t, true) as number } });
    const remixer = rng.pick(others);
    out.push({ tags: ['not-on-beatport:unreleased-remix'], resembles: t, source: { title: `${t.name.trim()} (${remixer} Remix)`, artists: [credit(artistsOf(t))] } });
    const version = rng.pick(['VIP', 'Bootleg', 'Dub', 'Acoustic Version', 'Instrumental']);
    if (!songs(t).some((o) => o.mixName.startsWith(version))) out.push({ tags: ['not-on-beatport:unreleased-version'], resembles: t, source: { title: `${t.name.trim()} (${version})`, artists: [credit(artistsOf(t))] } });
  }
  // Only remixes are on Beatport: the original upload must not take a remix's facts.
  for (const t of TRACKS.filter((t) => t.mixName.endsWith('Remix'))) {
    const hidden = new Set(songs(t).filter((o) => !o.mixName.endsWith('Remix')).map((o) => o.id));
    out.push({ tags: ['not-on-beatport:only-remixes'], resembles: t, source: { title: t.name.trim(), artists: [credit(artistsOf(t))], durationMs: rng.int(190, 460) * 1000 }, hidden });
  }
  // A one-letter-different title by the same artist whose length disagrees: another track, not a typo.
  for (const t of TRACKS.filter((t, i) => i % 6 === 0 && t.lengthMs !== null && t.mixName === 'Original Mix')) {
    const title = t.name.trim().replace(/[aeiou](?=[a-z]*$)/, (v) => (v === 'a' ? 'o' : 'a'));
    const taken = TRACKS.some((o) => o.name.trim() === title);
    if (!taken && title !== t.name.trim()) out.push({ tags: ['not-on-beatport:near-title'], resembles: t, source: { title, artists: [credit(artistsOf(t))], durationMs: (t.lengthMs as number) + rng.pick([-1, 1]) * rng.int(40_000, 120_000) } });
  }
  for (const [title, artist] of [['Ночной поезд', 'Лёша Дым'], ['Тёплый дом', 'Лёша Дым'], ['夜明けの街', '夜行'], ['ネオン', 'Hana Mori'], ['Teplyy veter', 'Lyosha Dym']] as const) {
    out.push({ tags: ['not-on-beatport:non-latin'], source: { title, artists: [artist], durationMs: rng.int(190, 460) * 1000 } });
  }
  return out;
}

const top = (query: string) => search(query).tracks.slice(0, 10).map((h) => h.item);

/**
 * What a forgiving search returns (the replica's needs every word, Beatport's does not): hits for the
 * whole query, for the artist alone and for the title alone, an ISRC lookup, and look-alikes of the
 * track the source resembles (its other versions, same-titled tracks, the artist's other tracks).
 */
function candidatesFor(c: Case): { candidates: BeatportCandidate[]; searchFound: boolean } {
  const hits = top(searchQuery(c.source));
  const split = splitUploadTitle(c.source.title);
  const partial = [firstCredit(split ? [split.artist] : c.source.artists) ?? '', parseTitle(split?.title ?? c.source.title).display].flatMap(top);
  const like = c.expected ?? c.resembles;
  const lookalikes = like ? [...TRACKS.filter((o) => o.name.trim() === like.name.trim()), ...TRACKS.filter((o) => o.artistIds[0] === like.artistIds[0]).slice(0, 8)] : [];
  const isrcHits = c.source.isrc ? TRACKS.filter((o) => o.isrc === c.source.isrc) : [];
  const pool = new Map<number, BpTrack>();
  for (const t of [...isrcHits, ...hits, ...partial, ...lookalikes, ...(c.expected ? [c.expected] : [])]) if (!c.hidden?.has(t.id)) pool.set(t.id, t);
  const list = [...pool.values()];
  for (let i = list.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [list[i], list[j]] = [list[j] as BpTrack, list[i] as BpTrack];
  }
  return { candidates: list.map((t) => trackItem(t) as BeatportCandidate), searchFound: c.expected !== undefined && hits.some((h) => h.id === c.expected?.id) };
}

/** Tracks indistinguishable from the expected one (same song and version on two releases). */
const equivalent = (a: BpTrack, b: BpTrack) => sameSong(a, b) && a.mixName === b.mixName;

/** The replica's hand-made hard cases (BEATPORT_FIXTURES.matchingCases), "Artist - Title" as uploaded. */
const fixtureCases: Case[] = BEATPORT_FIXTURES.matchingCases.map((m) => {
  const expected = cat.tracks.get(m.track.id);
  return { tags: [`fixture:${m.case}`], source: { title: m.sourceTitle, artists: [], durationMs: m.sourceDurationSec * 1000 }, ...(m.expect === 'match' && expected ? { expected } : {}) };
});
const specialReleases = new Set(SPECIAL_RELEASES.map((r) => r.name));
const specialTracks = TRACKS.filter((t) => specialReleases.has(cat.releases.get(t.releaseId)?.name ?? ''));

const cases: Case[] = [
  ...fixtureCases,
  ...TRACKS.map((t) => upload(t)),
  // Non-Latin, accented, "&"-in-name and feat. tracks, four more uploads each with likelier perturbations.
  ...specialTracks.flatMap((t) => [upload(t, true), upload(t, true), upload(t, true), upload(t, true)]),
  ...TRACKS.flatMap((t) => extendedOnly(t) ?? []),
  ...TRACKS.flatMap((t) => originalAmongEdits(t) ?? []),
  ...negatives(),
];

const perTag = new Map<string, { total: number; correct: number }>();
const misses: string[] = [];
const falseMatches: string[] = [];
const gatingErrors: string[] = [];
const describe = (c: Case) => `[${c.tags.join(',')}] ${c.source.artists.join(' / ')} — ${c.source.title}${c.source.durationMs ? ` (${Math.round(c.source.durationMs / 1000)} s)` : ''}`;
const label = (t: BeatportCandidate | BpTrack) => ('mixName' in t ? `${t.name.trim()} (${t.mixName}) #${t.id}` : `${(t.name ?? '').trim()} (${t.mix_name}) #${t.id}`);

// Search once per case, so every threshold below sees the same candidates.
const runs = cases.map((c) => ({ c, ...candidatesFor(c) }));
const positives = cases.filter((c) => c.expected).length;

function isRight(c: Case, match: TrackMatch | undefined): boolean {
  const matched = match ? cat.tracks.get(match.id) : undefined;
  if (!c.expected) return match === undefined;
  return matched !== undefined && (equivalent(matched, c.expected) || c.alsoRight?.has(matched.id) === true);
}

/** Precision and recall at a threshold; `report` collects the misses, false matches and gating errors. */
function evaluate(threshold: number, report: boolean): { precision: number; recall: number } {
  let right = 0;
  let wrong = 0;
  for (const { c, candidates } of runs) {
    const match = matchTrack(c.source, candidates, { threshold });
    const correct = isRight(c, match);
    if (correct && match) right++;
    else if (match) wrong++;
    if (!report) continue;
    for (const tag of c.tags) {
      const stats = perTag.get(tag) ?? { total: 0, correct: 0 };
      perTag.set(tag, { total: stats.total + 1, correct: stats.correct + (correct ? 1 : 0) });
    }
    if (correct && match && c.expected) {
      const merged = fieldsToMerge(match, {});
      if (c.otherVersion && (merged.bpm !== undefined || merged.key !== undefined)) gatingErrors.push(`${describe(c)}: BPM/key taken from another version`);
      if (!c.otherVersion && match.durationAgrees && c.expected.bpm !== null && merged.bpm === undefined) gatingErrors.push(`${describe(c)}: BPM withheld from the same version`);
    } else if (match && !correct) falseMatches.push(`${describe(c)} -> ${label(match.track)} score ${match.score} (${match.reasons.notes.join('; ')})${c.expected ? `; expected ${label(c.expected)}` : ''}`);
    else if (!correct && c.expected) misses.push(`${describe(c)}; expected ${label(c.expected)}`);
  }
  return { precision: right + wrong ? right / (right + wrong) : 1, recall: right / positives };
}

const { precision, recall } = evaluate(MATCH_THRESHOLD, true);
const sweep = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9].map((threshold) => ({ threshold, ...evaluate(threshold, false) }));
const searchFound = runs.filter((r) => r.searchFound).length;
const fixed = (n: number) => n.toFixed(3);

console.log(`${cases.length} pairs: ${positives} on Beatport, ${cases.length - positives} not on Beatport; threshold ${MATCH_THRESHOLD}`);
console.log(`precision ${fixed(precision)} (target ≥ 0.98)   recall ${fixed(recall)} (target ≥ 0.90)`);
console.log(`false matches ${falseMatches.length}, misses ${misses.length}, gating errors ${gatingErrors.length}`);
console.log(`replica search found the true track for ${searchFound}/${positives} sources (search recall, not the matcher's)`);
console.log(`threshold sweep: ${sweep.map((s) => `${s.threshold}: P ${fixed(s.precision)} R ${fixed(s.recall)}`).join(' | ')}`);
console.log('correct per perturbation (a case counts under each of its perturbations):');
for (const [tag, s] of [...perTag].sort()) console.log(`  ${tag.padEnd(40)} ${s.correct}/${s.total}`);
for (const line of falseMatches) console.log(`FALSE MATCH ${line}`);
for (const line of misses) console.log(`MISS ${line}`);
for (const line of gatingErrors) console.log(`GATING ${line}`);

writeResult({
  pairs: cases.length,
  onBeatport: positives,
  notOnBeatport: cases.length - positives,
  threshold: MATCH_THRESHOLD,
  precision: Number(precision.toFixed(4)),
  recall: Number(recall.toFixed(4)),
  falseMatches,
  misses,
  gatingErrors,
  searchRecall: Number((searchFound / positives).toFixed(4)),
  thresholdSweep: sweep,
  perPerturbation: Object.fromEntries(perTag),
});
