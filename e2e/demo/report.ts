/**
 * What the tour leaves behind, read back with tools that share no code with Deckhand's writers
 * (ffprobe, mutagen), and the closing summary of demo-output/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { ffprobe, mutagen } from '../harness/probe';
import { step, type DemoContext } from './context';

/** The tags a DJ looks at, by their M4A atom and their ID3v2.4 frame names. */
const FIELDS: [label: string, keys: string[]][] = [
  ['Title', ['©nam', 'TIT2']],
  ['Artist', ['©ART', 'TPE1']],
  ['Album', ['©alb', 'TALB']],
  ['BPM', ['tmpo', 'TBPM']],
  ['Key', ['----:com.apple.iTunes:initialkey', 'TKEY']],
  ['Genre', ['©gen', 'TCON']],
  ['Label', ['----:com.apple.iTunes:LABEL', 'TPUB']],
  ['ISRC', ['----:com.apple.iTunes:ISRC', 'TSRC']],
  ['Date', ['©day', 'TDRC']],
  ['Beatport id', ['----:com.apple.iTunes:BEATPORT_TRACK_ID', 'TXXX:BEATPORT_TRACK_ID']],
  ['Match score', ['----:com.apple.iTunes:BEATPORT_MATCH_SCORE', 'TXXX:BEATPORT_MATCH_SCORE']],
  ['Source', ['----:com.apple.iTunes:URL', 'WOAS', 'WOAF']],
];

/** Files the user would see: the host's own bookkeeping (`.deckhand/`: archive, part files) is left out. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !relative(dir, e.parentPath).split(sep).some((part) => part.startsWith('.')))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function show(value: unknown): string {
  const items = Array.isArray(value) ? value : [value];
  return items.map((v) => (Array.isArray(v) ? v.join(' / ') : typeof v === 'object' ? JSON.stringify(v) : String(v))).join('; ');
}

function describeAudio(file: string): void {
  const probe = ffprobe(file);
  const audio = probe.streams.find((s) => s.codec_type === 'audio');
  const { tags } = mutagen(file);
  console.log(`\n  ${relative(process.cwd(), file)}`);
  console.log(`    ${audio?.codec_name ?? '?'} ${audio?.sample_rate ?? '?'} Hz, ${Number(probe.format.duration).toFixed(1)} s`);
  for (const [label, keys] of FIELDS) {
    const key = keys.find((k) => tags[k] !== undefined);
    if (key) console.log(`    ${label.padEnd(12)} ${show(tags[key]).slice(0, 110)}`);
  }
  const cover = Object.entries(tags).find(([k]) => k === 'covr' || k.startsWith('APIC'));
  console.log(`    ${'Artwork'.padEnd(12)} ${cover ? `${(show(cover[1]).match(/"bytes":(\d+)/)?.[1] ?? '?')} bytes` : 'none'}`);
  if (probe.chapters.length) {
    console.log(`    Chapters (${probe.chapters.length}):`);
    for (const ch of probe.chapters) console.log(`      ${formatTime(Number(ch.start_time))}  ${ch.tags?.title ?? ''}`);
  }
}

function formatTime(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Print the saved files' tags, chapters and cue sheets; throws when an expected kind is missing. */
export function reportLibrary(ctx: DemoContext): void {
  step('7. The saved files, read back with ffprobe and mutagen');
  const files = filesUnder(ctx.library);
  const audio = files.filter((f) => ['.m4a', '.mp3'].includes(extname(f)));
  for (const file of audio) describeAudio(file);
  for (const cue of files.filter((f) => extname(f) === '.cue')) {
    console.log(`\n  ${relative(process.cwd(), cue)}`);
    for (const line of readFileSync(cue, 'utf8').split(/\r?\n/).filter(Boolean)) console.log(`    ${line}`);
  }
  const missing = [
    ['.m4a', 2],
    ['.mp3', 1],
    ['.cue', 1],
  ].filter(([ext, n]) => files.filter((f) => extname(f) === ext).length < (n as number));
  if (missing.length) throw new Error(`Expected files are missing from ${ctx.library}: ${missing.map(([ext, n]) => `${n} × ${ext}`).join(', ')}`);
}

export function summary(ctx: DemoContext, seconds: number): void {
  step(`Done in ${seconds.toFixed(0)} s. demo-output/ holds:`);
  for (const file of filesUnder(ctx.library)) {
    console.log(`  ${relative(ctx.out, file).padEnd(80)} ${(statSync(file).size / 1024).toFixed(0).padStart(6)} KiB`);
  }
  console.log(`  ${ctx.shots.length} screenshots: ${ctx.shots[0]} … ${ctx.shots[ctx.shots.length - 1]}`);
}
