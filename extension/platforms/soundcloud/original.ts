/**
 * SoundCloud's original file: what the artist uploaded (WAV, FLAC, AIFF, MP3, M4A…), offered when
 * they allow downloads (`downloadable && has_downloads_left`). tracks/{id}/download answers a
 * signed redirectUri to a signed-in user only (anonymous is 401 since 2025), 403 when this client
 * may not have it. Every way it can fail leaves the stream as the way, with a note saying why.
 */
import { DeckhandError } from '../../../shared/errors';
import type { MediaSource, OriginalFormat } from '../../../shared/download';
import { request } from '../../core/http';
import type { SoundCloudApi } from './api';
import type { ScTrack } from './types';

/** What streams.ts needs: the API, the user's token when signed in, and the user's choice. */
export interface OriginalDeps {
  api: SoundCloudApi;
  /** The OAuth access token, or undefined when not signed in to SoundCloud. */
  token: () => Promise<string | undefined>;
  preferOriginal: boolean;
  secretToken?: string;
}

export type OriginalFileFormat = OriginalFormat | 'mp3' | 'm4a';

export interface OpenedOriginal {
  source: MediaSource;
  format: OriginalFileFormat;
}

/** Either the original, or why it was passed over (undefined: nothing worth telling). */
export type OriginalOutcome = { opened: OpenedOriginal } | { note?: string };

const EXTENSIONS: Record<string, OriginalFileFormat> = {
  wav: 'wav', wave: 'wav', flac: 'flac', aif: 'aiff', aiff: 'aiff', aifc: 'aiff', mp3: 'mp3', m4a: 'm4a', mp4: 'm4a', aac: 'm4a',
};
const MIME_TYPES: Record<string, OriginalFileFormat> = {
  'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/wave': 'wav', 'audio/vnd.wave': 'wav', 'audio/flac': 'flac', 'audio/x-flac': 'flac',
  'audio/aiff': 'aiff', 'audio/x-aiff': 'aiff', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/x-m4a': 'm4a',
};

export function offersOriginal(track: ScTrack): boolean {
  return track.downloadable === true && track.has_downloads_left === true && typeof track.id === 'number';
}

/** The format a file name or URL path says ("Field Notes.wav", "/abc.flac"). */
export function formatFromName(name: string | undefined): OriginalFileFormat | undefined {
  const ext = /\.([A-Za-z0-9]{2,5})$/.exec(name ?? '')?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

/** From a response's Content-Disposition file name, else its Content-Type. */
export function formatFromHeaders(headers: Headers): OriginalFileFormat | undefined {
  const disposition = headers.get('content-disposition') ?? '';
  const name = /filename\*=(?:UTF-8'')?([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const fromName = formatFromName(decodeURIComponent((name?.[1] ?? name?.[2] ?? '').trim()));
  if (fromName) return fromName;
  const mime = (headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return MIME_TYPES[mime];
}

/** The signed URL's path usually names the file; otherwise its first byte's headers do. */
async function formatOf(url: string): Promise<OriginalFileFormat> {
  const fromPath = formatFromName(new URL(url).pathname);
  if (fromPath) return fromPath;
  const probe = await request<unknown>(url, { platform: 'soundcloud', headers: { range: 'bytes=0-0' }, accept: [206], retries: 1 });
  const found = formatFromHeaders(probe.headers);
  if (!found) throw new DeckhandError('media.unsupported', 'The original file is in a format Deckhand does not know.');
  return found;
}

function reasonFor(err: DeckhandError): string {
  if (err.status === 401) return 'SoundCloud wants you signed in again for the original file';
  if (err.status === 403) return 'SoundCloud does not offer the original file to this app';
  if (err.code === 'rate.limited') return 'SoundCloud is rate-limiting downloads right now';
  return `the original file could not be had (${err.message.replace(/\.$/, '')})`;
}

/** The original when it is offered, wanted and reachable; otherwise why not. */
export async function openOriginal(track: ScTrack, deps: OriginalDeps): Promise<OriginalOutcome> {
  if (!offersOriginal(track) || !deps.preferOriginal) return {};
  const token = await deps.token().catch(() => undefined);
  if (!token) return { note: 'Saved the stream: sign in to SoundCloud (Options → Accounts) to get the artist’s original file.' };
  try {
    const answer = await deps.api.originalDownload(track.id as number, token, deps.secretToken ?? track.secret_token ?? undefined);
    if (!answer.redirectUri || !/^https:\/\//i.test(answer.redirectUri)) throw new DeckhandError('stream.none', 'SoundCloud gave no file address');
    const format = await formatOf(answer.redirectUri);
    const source: MediaSource = { protocol: 'progressive', url: answer.redirectUri, kind: 'original' };
    if (format === 'mp3' || format === 'm4a') source.container = format;
    return { opened: { source, format } };
  } catch (err) {
    return { note: `Saved the stream: ${reasonFor(DeckhandError.from(err))}.` };
  }
}

