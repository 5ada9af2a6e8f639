import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../test/host-process';
import { writeFinalTmp } from './final-file';
import { newJournal } from './journal';
import { candidateName, type PlannedName } from './library';
import { claim, placeAudio, placeCue, type PlaceRequest } from './placement';

afterAll(() => removeTempDirs());

function setup(stem = 'Artist - Title'): { dir: string; work: string; tmp: string; name: PlannedName } {
  const dir = tempDir();
  const work = path.join(dir, '.deckhand', 'parts', 'job');
  mkdirSync(work, { recursive: true });
  const tmp = path.join(work, 'final.tmp');
  writeFileSync(tmp, 'NEW AUDIO');
  return { dir, work, tmp, name: { root: dir, dir, stem, ext: 'm4a' } };
}

function request(s: ReturnType<typeof setup>, policy: PlaceRequest['policy'], withCue = false): PlaceRequest {
  return { work: s.work, journal: newJournal('job', 'k'), name: s.name, policy, tmp: s.tmp, withCue };
}

describe('claim', () => {
  it('places into a free name and never replaces a file that is there, unless asked to', async () => {
    const s = setup();
    const target = path.join(s.dir, 'x.m4a');
    writeFileSync(target, 'OLD');
    expect(await claim(s.tmp, target, false)).toBe('taken');
    expect(readFileSync(target, 'utf8')).toBe('OLD');
    expect(await claim(s.tmp, path.join(s.dir, 'y.m4a'), false)).toBe('placed');
    expect(readFileSync(path.join(s.dir, 'y.m4a'), 'utf8')).toBe('NEW AUDIO');
    expect(await claim(s.tmp, target, true)).toBe('placed');
    expect(readFileSync(target, 'utf8')).toBe('NEW AUDIO');
  });
});

describe('placeAudio', () => {
  it('keeps both with "rename": the next free "(n)" name, skipping names whose cue sheet is taken', async () => {
    const s = setup();
    writeFileSync(candidateName(s.name, 1), 'OLD');
    writeFileSync(candidateName(s.name, 2, 'cue'), 'SOMEONE ELSE’S CUE');
    const placed = await placeAudio(request(s, 'rename', true));
    expect(placed).toBe(path.join(s.dir, 'Artist - Title (3).m4a'));
    expect(readFileSync(candidateName(s.name, 1), 'utf8')).toBe('OLD');
  });

  it('skips with "skip" and replaces with "overwrite"', async () => {
    const s = setup();
    writeFileSync(candidateName(s.name, 1), 'OLD');
    expect(await placeAudio(request(s, 'skip'))).toBeUndefined();
    expect(readFileSync(candidateName(s.name, 1), 'utf8')).toBe('OLD');
    expect(await placeAudio(request(s, 'overwrite'))).toBe(candidateName(s.name, 1));
    expect(readFileSync(candidateName(s.name, 1), 'utf8')).toBe('NEW AUDIO');
  });

  it('after a crash recognises the file it already linked or renamed, instead of placing it twice', async () => {
    const s = setup();
    const target = candidateName(s.name, 1);
    linkSync(s.tmp, target); // the crash came right after the link
    const req = request(s, 'rename');
    req.journal.phase = 'placing';
    req.journal.target = target;
    expect(await placeAudio(req)).toBe(target);
    expect(existsSync(candidateName(s.name, 2))).toBe(false);

    const renamed = setup('Other');
    const req2 = request(renamed, 'rename');
    req2.journal.phase = 'placing';
    req2.journal.target = candidateName(renamed.name, 1);
    writeFileSync(req2.journal.target, 'NEW AUDIO');
    rmSync(renamed.tmp); // the rename went through: no tmp left
    expect(await placeAudio(req2)).toBe(req2.journal.target);
  });

  it('a file that merely has the journaled name (someone else’s) is not taken for ours', async () => {
    const s = setup();
    const req = request(s, 'rename');
    req.journal.phase = 'placing';
    req.journal.target = candidateName(s.name, 1);
    writeFileSync(req.journal.target, 'SOMEONE ELSE');
    expect(await placeAudio(req)).toBe(candidateName(s.name, 2));
  });
});

describe('candidateName', () => {
  it('shortens the stem so that " (n)" and the extension fit in 255 bytes, without cutting a character', () => {
    const name: PlannedName = { root: '/r', dir: '/r', stem: 'é'.repeat(125) + 'x', ext: 'm4a' };
    const first = path.basename(candidateName(name, 1));
    const second = path.basename(candidateName(name, 12));
    expect(Buffer.byteLength(first)).toBeLessThanOrEqual(255);
    expect(Buffer.byteLength(second)).toBeLessThanOrEqual(255);
    expect(second).toMatch(/^é+ \(12\)\.m4a$/);
  });
});

describe('placeCue', () => {
  it('writes the cue beside the audio; a cue already there is ours only if it says the same', async () => {
    const s = setup();
    const audio = path.join(s.dir, 'Mix.m4a');
    expect(await placeCue(s.work, audio, 'TITLE "Mix"\r\n', 'rename')).toBe(path.join(s.dir, 'Mix.cue'));
    expect(await placeCue(s.work, audio, 'TITLE "Mix"\r\n', 'rename')).toBe(path.join(s.dir, 'Mix.cue'));
    expect(await placeCue(s.work, audio, 'TITLE "Other"\r\n', 'rename')).toBeUndefined();
    expect(readFileSync(path.join(s.dir, 'Mix.cue'), 'utf8')).toBe('TITLE "Mix"\r\n');
  });
});

describe('writeFinalTmp', () => {
  it('never rewrites a library file that an earlier run linked final.tmp to', async () => {
    const s = setup();
    const placed = candidateName(s.name, 1);
    linkSync(s.tmp, placed);
    const payload = path.join(s.work, 'payload.bin');
    writeFileSync(payload, 'PAYLOAD');
    await writeFinalTmp(s.work, new TextEncoder().encode('HEADER+'), payload, 7);
    expect(readFileSync(placed, 'utf8')).toBe('NEW AUDIO');
    expect(readFileSync(s.tmp, 'utf8')).toBe('HEADER+PAYLOAD');
  });
});
