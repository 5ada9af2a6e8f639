/**
 * Stream choice for a Mixcloud show. GraphQL's `streamInfo` values are base64 of the URL XORed with a
 * public cycling key (obfuscation, not DRM). Order: HLS (MPEG-TS segments, fetched in parallel), then
 * the progressive m4a, which Mixcloud throttles to playback speed after a few MB and is used only when
 * nothing else exists. DASH is not offered: the engine reads HLS and single files. Exclusive and
 * restricted shows are refused before any URL is looked at.
 */
import type { MediaSource } from '../../../shared/download';
import { DeckhandError } from '../../../shared/errors';
import { unavailableOf } from './normalise';
import type { McCloudcast, McStreamInfo } from './types';

/** The key the site's own player decodes streamInfo with (public since 2018). */
export const STREAM_XOR_KEY = 'IFYOUWANTTHEARTISTSTOGETPAIDDONOTDOWNLOADFROMMIXCLOUD';

/** A decoded stream URL, or undefined when the value is not base64 of an http(s) URL under the key. */
export function decodeStreamValue(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  let binary: string;
  try {
    const b64 = value.trim().replace(/-/g, '+').replace(/_/g, '/');
    binary = atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '='));
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) ^ STREAM_XOR_KEY.charCodeAt(i % STREAM_XOR_KEY.length);
  let url: string;
  try {
    url = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return /^https?:\/\/[^\s]+$/i.test(url) && url.length <= 8192 ? url : undefined;
}

export type McStreamId = 'hls' | 'progressive';

export interface McCandidate {
  id: McStreamId;
  source: MediaSource;
}

/** Usable streams, best first. */
export function streamCandidates(info: McStreamInfo | null | undefined): McCandidate[] {
  const out: McCandidate[] = [];
  const hls = decodeStreamValue(info?.hlsUrl);
  if (hls) out.push({ id: 'hls', source: { protocol: 'hls', url: hls, container: 'ts' } });
  const progressive = decodeStreamValue(info?.url);
  if (progressive) out.push({ id: 'progressive', source: { protocol: 'progressive', url: progressive, container: 'm4a' } });
  return out;
}

/** Why this show cannot be downloaded, when that is so. */
export function refusal(c: McCloudcast): DeckhandError | undefined {
  const unavailable = unavailableOf(c);
  if (unavailable) return new DeckhandError(unavailable.code, unavailable.reason);
  if (!streamCandidates(c.streamInfo).length) return new DeckhandError('stream.none', 'Mixcloud offers no stream for this show.');
  return undefined;
}

/** The stream to download: `preferred` (what a refresh asks for) when still offered, else the best. */
export function chooseStream(c: McCloudcast, preferred?: string): McCandidate {
  const refused = refusal(c);
  if (refused) throw refused;
  const all = streamCandidates(c.streamInfo);
  return (all.find((s) => s.id === preferred) ?? all[0]) as McCandidate;
}
