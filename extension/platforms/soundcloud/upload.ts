/**
 * SoundCloud upload (official API, POST api.soundcloud.com/tracks, multipart `track[...]`): the
 * form's fields, their validation before any byte is sent, and the answer. The API has no BPM or
 * key fields, so they go into the description.
 */
import { describeKeyForDescription, type FieldErrors, type FileFacts, type FormPart, type UploadAnswer, type UploadFields } from '../../ui/upload/model';

export const SC_UPLOAD_URL = 'https://api.soundcloud.com/tracks';

/** Where an upload goes and how the token travels (an `Authorization: OAuth` header). */
export function scUploadTarget(token: string): { url: string; headers: Record<string, string> } {
  return { url: SC_UPLOAD_URL, headers: { authorization: `OAuth ${token}` } };
}
export const SC_LIMITS = { fileBytes: 4 * 1024 ** 3, titleChars: 100, descriptionChars: 4000, tagChars: 500, fileNameChars: 255 };
export const SC_LICENSES = [
  'all-rights-reserved', 'no-rights-reserved', 'cc-by', 'cc-by-nc', 'cc-by-nd', 'cc-by-sa', 'cc-by-nc-nd', 'cc-by-nc-sa',
] as const;
const SC_AUDIO = /\.(aiff?|wav|flac|ogg|mp2|mp3|aac|m4a|amr|wma)$/i;
const ARTWORK = /^image\/(jpeg|png|gif)$/;

/** The description as sent: the user's text, then BPM and key on their own line. */
export function scDescription(f: UploadFields): string {
  const extra = [f.bpm ? `BPM: ${f.bpm}` : '', f.key ? `Key: ${describeKeyForDescription(f.key)}` : ''].filter(Boolean).join(' · ');
  return [f.description.trim(), extra].filter(Boolean).join('\n\n');
}

/** SoundCloud's tag_list: space-separated, multi-word tags in double quotes. */
export function scTagList(tags: readonly string[]): string {
  return tags.map((t) => (/\s/.test(t) ? `"${t.replace(/"/g, '')}"` : t)).join(' ');
}

export function validateSoundcloud(f: UploadFields, file: FileFacts | undefined): FieldErrors {
  const e: FieldErrors = {};
  if (!file) e.file = 'Choose an audio file.';
  else {
    if (file.size > SC_LIMITS.fileBytes) e.file = 'SoundCloud takes files up to 4 GB.';
    else if (file.size === 0) e.file = 'The file is empty.';
    else if (!SC_AUDIO.test(file.name)) e.file = 'SoundCloud takes AIFF, WAV, FLAC, OGG, MP2, MP3, AAC/M4A, AMR or WMA.';
    else if (file.name.length > SC_LIMITS.fileNameChars) e.file = 'The file name is longer than 255 characters.';
  }
  if (!f.title.trim()) e.title = 'A title is required.';
  else if (f.title.length > SC_LIMITS.titleChars) e.title = `At most ${SC_LIMITS.titleChars} characters (now ${f.title.length}).`;
  const description = scDescription(f);
  if (description.length > SC_LIMITS.descriptionChars) e.description = `At most ${SC_LIMITS.descriptionChars} characters with BPM and key (now ${description.length}).`;
  if (scTagList(f.tags).length > SC_LIMITS.tagChars) e.tags = `Tags take at most ${SC_LIMITS.tagChars} characters together.`;
  if (f.releaseDate && !/^\d{4}-\d{2}-\d{2}$/.test(f.releaseDate)) e.releaseDate = 'Use YYYY-MM-DD.';
  if (f.isrc && !/^[A-Z]{2}[A-Z0-9]{3}\d{7}$/.test(f.isrc.replace(/-/g, '').toUpperCase())) e.isrc = 'An ISRC is 12 characters, like GBAYE0601498.';
  if (f.bpm && !(Number(f.bpm) > 0 && Number(f.bpm) < 1000)) e.bpm = 'A number of beats per minute.';
  if (!(SC_LICENSES as readonly string[]).includes(f.license)) e.license = 'Choose a license.';
  if (f.artwork && !ARTWORK.test(f.artwork.type)) e.artwork = 'Artwork must be JPEG, PNG or GIF.';
  return e;
}

export function soundcloudParts(f: UploadFields, file: File): FormPart[] {
  const text = (name: string, value: string): FormPart => ({ name: `track[${name}]`, value });
  const parts: FormPart[] = [
    text('title', f.title.trim()),
    text('sharing', f.privacy === 'private' ? 'private' : 'public'),
    text('downloadable', String(f.downloadable)),
    text('streamable', String(f.streamable)),
    text('license', f.license),
  ];
  const description = scDescription(f);
  if (description) parts.push(text('description', description));
  if (f.genre.trim()) parts.push(text('genre', f.genre.trim()));
  if (f.tags.length) parts.push(text('tag_list', scTagList(f.tags)));
  if (f.releaseDate) parts.push(text('release_date', f.releaseDate));
  if (f.isrc) parts.push(text('isrc', f.isrc.replace(/-/g, '').toUpperCase()));
  if (f.label.trim()) parts.push(text('label_name', f.label.trim()));
  if (f.artwork) parts.push({ name: 'track[artwork_data]', value: f.artwork, filename: f.artworkName || 'artwork.jpg' });
  parts.push({ name: 'track[asset_data]', value: file, filename: file.name });
  return parts;
}

export function soundcloudAnswer(status: number, body: string): UploadAnswer {
  let json: { permalink_url?: string; errors?: { error_message?: string }[]; message?: string } = {};
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    /* not JSON: the status says enough */
  }
  if (status === 201 || status === 200) return { ok: true, ...(json.permalink_url ? { url: json.permalink_url } : {}) };
  const message = json.errors?.map((x) => x.error_message).filter(Boolean).join('; ') || json.message || `SoundCloud answered HTTP ${status}.`;
  return { ok: false, message };
}
