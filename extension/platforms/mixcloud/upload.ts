/**
 * Mixcloud upload (POST api.mixcloud.com/upload/?access_token=…, one multipart request): fields,
 * validation before sending (Mixcloud validates only after the whole file arrived), tracklist
 * sections from text, Pro-only fields when the account is Pro, and the answer.
 */
import type { FieldErrors, FileFacts, FormPart, UploadAnswer, UploadFields } from '../../ui/upload/model';

export const MC_UPLOAD_URL = 'https://api.mixcloud.com/upload/';

/** Where an upload goes: the token must be in the query string (in the body the API answers nothing). */
export function mcUploadTarget(token: string): { url: string; headers: Record<string, string> } {
  return { url: `${MC_UPLOAD_URL}?${new URLSearchParams({ access_token: token })}`, headers: {} };
}
export const MC_LIMITS = { fileBytes: 4_294_967_296, pictureBytes: 10_485_760, descriptionChars: 1000, tags: 5, nameChars: 100 };
const MC_AUDIO = /\.(mp3|m4a|aac|wav|flac|ogg|aiff?)$/i;

export type Section = ({ artist: string; song: string } | { chapter: string }) & { startSec?: number };

/** "[h:]mm:ss Artist - Song" (or no time; no " - " = a chapter). Blank lines are skipped. */
export function parseTracklist(text: string): { sections: Section[]; bad: number[] } {
  const sections: Section[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:\s+(.*))?$/.exec(line);
    const startSec = m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
    const rest = (m ? m[4] ?? '' : line).trim();
    if (!rest) return void bad.push(i + 1);
    const split = /^(.+?)\s+[-–]\s+(.+)$/.exec(rest);
    const timing = startSec !== undefined ? { startSec } : {};
    sections.push(split ? { artist: split[1]!.trim(), song: split[2]!.trim(), ...timing } : { chapter: rest, ...timing });
  });
  return { sections, bad };
}

export function validateMixcloud(f: UploadFields, file: FileFacts | undefined, pro: boolean): FieldErrors {
  const e: FieldErrors = {};
  if (!file) e.file = 'Choose an audio file.';
  else if (file.size > MC_LIMITS.fileBytes) e.file = 'Mixcloud takes files up to 4 GB.';
  else if (file.size === 0) e.file = 'The file is empty.';
  else if (!MC_AUDIO.test(file.name)) e.file = 'Choose an audio file (MP3, M4A, WAV, FLAC, OGG or AIFF).';
  if (!f.title.trim()) e.title = 'A name is required.';
  else if (f.title.length > MC_LIMITS.nameChars) e.title = `At most ${MC_LIMITS.nameChars} characters (now ${f.title.length}).`;
  if (f.description.length > MC_LIMITS.descriptionChars) e.description = `At most ${MC_LIMITS.descriptionChars} characters (now ${f.description.length}).`;
  if (f.tags.length > MC_LIMITS.tags) e.tags = `At most ${MC_LIMITS.tags} tags (now ${f.tags.length}).`;
  if (f.artwork) {
    if (!/^image\//.test(f.artwork.type)) e.artwork = 'The picture must be an image.';
    else if (f.artwork.size > MC_LIMITS.pictureBytes) e.artwork = 'The picture must be 10 MB or smaller.';
  }
  const { bad } = parseTracklist(f.tracklist);
  if (bad.length) e.tracklist = `Line ${bad.join(', ')}: a time needs a track or chapter after it.`;
  if (!pro && (f.publishDate || f.disableComments || f.hideStats)) e.publishDate = 'Scheduling, comments and stats options need a Mixcloud Pro account.';
  if (f.publishDate && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(f.publishDate)) e.publishDate = 'Choose a date and time.';
  return e;
}

export function mixcloudParts(f: UploadFields, file: File, pro: boolean): FormPart[] {
  const parts: FormPart[] = [{ name: 'mp3', value: file, filename: file.name }, { name: 'name', value: f.title.trim() }];
  if (f.description.trim()) parts.push({ name: 'description', value: f.description.trim() });
  f.tags.slice(0, MC_LIMITS.tags).forEach((t, i) => parts.push({ name: `tags-${i}-tag`, value: t }));
  parseTracklist(f.tracklist).sections.forEach((s, i) => {
    if ('chapter' in s) parts.push({ name: `sections-${i}-chapter`, value: s.chapter });
    else parts.push({ name: `sections-${i}-artist`, value: s.artist }, { name: `sections-${i}-song`, value: s.song });
    if (s.startSec !== undefined) parts.push({ name: `sections-${i}-start_time`, value: String(s.startSec) });
  });
  if (f.artwork) parts.push({ name: 'picture', value: f.artwork, filename: f.artworkName || 'picture.jpg' });
  if (f.privacy === 'private') parts.push({ name: 'unlisted', value: '1' });
  if (pro) {
    // The input is local time; Mixcloud wants UTC "YYYY-MM-DDTHH:MM:SSZ".
    if (f.publishDate) parts.push({ name: 'publish_date', value: new Date(f.publishDate).toISOString().replace(/\.\d{3}Z$/, 'Z') });
    if (f.disableComments) parts.push({ name: 'disable_comments', value: '1' });
    if (f.hideStats) parts.push({ name: 'hide_stats', value: '1' });
  }
  return parts;
}

const FIELD_OF: Record<string, keyof UploadFields | 'file'> = { mp3: 'file', name: 'title', description: 'description', picture: 'artwork' };

export function mixcloudAnswer(status: number, body: string): UploadAnswer {
  let json: { result?: { success?: boolean; key?: string }; error?: { type?: string; message?: string }; details?: Record<string, string[]> } = {};
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    // The real API answers 200 with no JSON when the token was not in the query string.
    return { ok: false, message: `Mixcloud gave no answer (HTTP ${status}).` };
  }
  if (json.result?.success) return { ok: true, ...(json.result.key ? { url: `https://www.mixcloud.com${json.result.key}` } : {}) };
  const fieldErrors: FieldErrors = {};
  for (const [k, msgs] of Object.entries(json.details ?? {})) {
    const field = FIELD_OF[k] ?? (k.startsWith('tags') ? 'tags' : k.startsWith('sections') ? 'tracklist' : 'publishDate');
    fieldErrors[field] = msgs.join(' ');
  }
  return { ok: false, message: json.error?.message ?? `Mixcloud answered HTTP ${status}.`, fieldErrors };
}
