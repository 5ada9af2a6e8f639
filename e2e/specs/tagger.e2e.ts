/**
 * "Tag files in a folder" (issue 7, local files) in real Chromium with the real native host and the
 * replica's Beatport: three files made by ffmpeg in the library (two whose tags name Beatport tracks,
 * one that matches nothing) are scanned, matched and reviewed on the extension's tagger page; the
 * two accepted rows are written. mutagen finds Beatport's BPM, key (in the user's notation), genre
 * and label in them, their audio packets are unchanged, and the unmatched file has the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startReplica, type Replica } from '../replica/server';
import { BEATPORT_FIXTURES as BP } from '../replica/platforms/beatport/fixtures';
import { gainBeatportAccess } from '../harness/beatport-access';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { mutagen } from '../harness/probe';
import { audioMd5, makeAudio } from '../../native-host/src/tagging/test-media';

let replica: Replica;
let session: ChromiumSession;
const pages: Page[] = [];
const solstice = BP.extendedVsOriginal.original;
const paperCase = BP.matchingCases.find((c) => c.case === 'artist-order-and-ampersand')!;
const paper = paperCase.track;
const FILES = {
  solstice: 'Crate/solstice.mp3',
  paper: 'Crate/paper moons.m4a',
  unknown: 'Crate/unknown.mp3',
};
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const inLibrary = (rel: string) => join(session.libraryDir, ...rel.split('/'));
let before: { solsticeAudio: string; paperAudio: string; unknownBytes: string };

beforeAll(async () => {
  replica = await startReplica({ port: 0 });
  session = await launchChromium({ replica });
  mkdirSync(join(session.libraryDir, 'Crate'), { recursive: true });
  // Lengths agree with Beatport's (same version), so BPM and key are taken.
  makeAudio(inLibrary(FILES.solstice), { format: 'mp3', seconds: 225, metadata: { title: 'Solstice Run', artist: 'Mira Lenz', comment: 'keep me' } });
  makeAudio(inLibrary(FILES.paper), { format: 'm4a', seconds: paperCase.sourceDurationSec, faststart: true, metadata: { title: 'Paper Moons', artist: 'Tomás Reyel & Nadia Ferro' } });
  makeAudio(inLibrary(FILES.unknown), { format: 'mp3', seconds: 30, metadata: { title: 'Nothing Like This Anywhere', artist: 'Nobody Known' } });
  before = { solsticeAudio: audioMd5(inLibrary(FILES.solstice)), paperAudio: audioMd5(inLibrary(FILES.paper)), unknownBytes: sha(inLibrary(FILES.unknown)) };
});

afterAll(async () => {
  await session?.close();
  await replica?.stop();
});

async function setSettings(patch: Record<string, unknown>): Promise<void> {
  await session.inWorker(`chrome.storage.local.get('settings').then(r => chrome.storage.local.set({ settings: { ...(r.settings || {}), ...${JSON.stringify(patch)} } }))`);
}

const row = (path: string) => `tr[data-path="${path}"]`;

describe('Tag files in a folder', () => {
  let tagger: Page;

  it('scans a library folder, matches each file to Beatport and shows the review table', async () => {
    screenshotOnFailure('tagger-review', () => pages);
    await setSettings({ libraryRoot: session.libraryDir, nativeHost: 'auto', keyNotation: 'camelot' });
    pages.push(await gainBeatportAccess(session));

    tagger = await session.newPage(`chrome-extension://${session.extensionId}/tagger.html`);
    pages.push(tagger);
    // The folder list comes from the host; choosing "Crate" fills the field.
    const crate = await tagger.waitForSelector('ul.folders button::-p-text(Crate)', { timeout: 20_000 });
    await crate!.click();
    expect(await tagger.$eval('#folder', (i) => (i as HTMLInputElement).value)).toBe('Crate');
    await tagger.click('button[type=submit]');
    await tagger.waitForFunction(() => document.querySelector('.progress')?.textContent?.includes('looked up'), { timeout: 90_000, polling: 250 });

    const solsticeMatch = await tagger.$eval(`${row(FILES.solstice)} [data-match]`, (td) => ({ status: td.getAttribute('data-match'), id: td.getAttribute('data-beatport-id'), text: td.textContent }));
    expect(solsticeMatch).toMatchObject({ status: 'matched', id: String(solstice.id) });
    expect(solsticeMatch.text).toMatch(/\d+%/);
    expect(await tagger.$eval(`${row(FILES.paper)} [data-match]`, (td) => td.getAttribute('data-beatport-id'))).toBe(String(paper.id));
    expect(await tagger.$eval(`${row(FILES.unknown)} [data-match]`, (td) => td.getAttribute('data-match'))).toBe('none');
    // Proposed values: Beatport's BPM, key in the user's notation, genre and label.
    const proposed = await tagger.$$eval(`${row(FILES.solstice)} td.change`, (tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-field'), td.querySelector('ins')?.textContent])));
    expect(proposed).toMatchObject({ bpm: String(solstice.bpm), key: solstice.key?.camelot, genre: solstice.genre, label: solstice.label });
    expect(await tagger.$eval(`${row(FILES.unknown)} input[type=checkbox]`, (c) => (c as HTMLInputElement).disabled)).toBe(true);
    await screenshot(tagger, 'tagger-review-table');
  });

  it('writes the accepted rows: mutagen reads Beatport’s tags, the audio is unchanged, the unmatched file untouched', async () => {
    screenshotOnFailure('tagger-write', () => pages);
    // "Accept all at or above 90 %" takes both matches (the unmatched row has nothing to write).
    await tagger.click('button::-p-text(Accept)');
    await tagger.waitForSelector('button::-p-text(Write tags to 2 files)');
    // Rows are accepted and un-accepted from the keyboard too.
    await tagger.focus(`${row(FILES.solstice)} input[type=checkbox]`);
    await tagger.keyboard.press('Space');
    await tagger.waitForSelector('button::-p-text(Write tags to 1 file)');
    await tagger.keyboard.press('Space');
    const write = await tagger.waitForSelector('button::-p-text(Write tags to 2 files)');
    await write!.click();
    await tagger.waitForFunction(
      (paths: string[]) => paths.every((p) => document.querySelector(`tr[data-path="${p}"]`)?.getAttribute('data-outcome') === 'written'),
      { timeout: 60_000, polling: 250 },
      [FILES.solstice, FILES.paper],
    );
    expect(await tagger.$eval('.progress', (p) => p.textContent)).toBe('Tags written to 2 files.');
    // A written row shows the tags the host read back from the file, no longer "was → becomes".
    const shown = await tagger.$$eval(`${row(FILES.solstice)} td[data-field]`, (tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-field'), td.textContent])));
    expect(shown).toEqual({ bpm: String(solstice.bpm), key: solstice.key?.camelot, genre: solstice.genre, label: solstice.label, isrc: solstice.isrc });
    expect(await tagger.$$(`${row(FILES.solstice)} ins, ${row(FILES.solstice)} del`)).toHaveLength(0);
    await screenshot(tagger, 'tagger-written');

    const mp3 = mutagen(inLibrary(FILES.solstice)).tags;
    expect(mp3.TBPM).toEqual([[String(solstice.bpm)]]);
    expect(mp3['TXXX:INITIALKEY']).toEqual([[solstice.key?.camelot]]);
    expect(mp3.TCON).toEqual([[solstice.genre]]);
    expect(mp3.TPUB).toEqual([[solstice.label]]);
    expect(mp3.TSRC).toEqual([[solstice.isrc]]);
    expect(mp3['TXXX:BEATPORT_TRACK_ID']).toEqual([[String(solstice.id)]]);
    expect(mp3.TIT2).toEqual([['Solstice Run']]);
    expect(JSON.stringify(mp3)).toContain('keep me');
    expect(audioMd5(inLibrary(FILES.solstice))).toBe(before.solsticeAudio);

    const m4a = mutagen(inLibrary(FILES.paper)).tags;
    expect(m4a.tmpo).toEqual([paper.bpm]);
    expect(m4a['----:com.apple.iTunes:initialkey']).toEqual([paper.key?.camelot]);
    expect(m4a['©gen']).toEqual([paper.genre]);
    expect(m4a['----:com.apple.iTunes:LABEL']).toEqual([paper.label]);
    expect(m4a['©nam']).toEqual(['Paper Moons']);
    expect(audioMd5(inLibrary(FILES.paper))).toBe(before.paperAudio);

    expect(sha(inLibrary(FILES.unknown))).toBe(before.unknownBytes);
  });
});
