import type { PlatformId } from '../../shared/platform';

/**
 * Host names the replica answers for. Chromium is pointed at it with --host-resolver-rules; the
 * native host with DECKHAND_RESOLVE; Firefox through the replica acting as an HTTPS proxy.
 */
export const REPLICA_HOSTS: Record<PlatformId, string[]> = {
  soundcloud: [
    'soundcloud.com',
    '*.soundcloud.com', // www, m, api-v2, api, secure, api-auth, api-widget, on, w
    '*.sndcdn.com', // i1 artwork, a-v2 bundles, cf-media, cf-hls-media, cf-preview-media
    '*.soundcloud.cloud',
    '*.media-streaming.soundcloud.cloud', // playback (AAC HLS), license (DRM: refused)
  ],
  mixcloud: ['mixcloud.com', '*.mixcloud.com'], // www, m, app (GraphQL), api, thumbnailer, audioN, streamN
  beatport: ['beatport.com', '*.beatport.com'], // www, api, geo-samples, geo-media, embed, account, needledrop
};

/** The replica's own control host (fault switches, request log). */
export const CONTROL_HOST = 'replica.deckhand.test';

export function allHostPatterns(): string[] {
  return [...Object.values(REPLICA_HOSTS).flat(), CONTROL_HOST];
}

export function hostMatches(pattern: string, host: string): boolean {
  host = host.toLowerCase();
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    if (!host.endsWith(`.${base}`)) return false;
    // one label only, like a TLS wildcard
    return !host.slice(0, -base.length - 1).includes('.');
  }
  return host === pattern;
}

export function platformOfHost(host: string): PlatformId | undefined {
  host = host.toLowerCase().replace(/:\d+$/, '');
  for (const [platform, patterns] of Object.entries(REPLICA_HOSTS) as [PlatformId, string[]][]) {
    if (patterns.some((p) => hostMatches(p, host))) return platform;
  }
  return undefined;
}

/** `--host-resolver-rules` value that sends every replica host to 127.0.0.1:<port>. */
export function hostResolverRules(port: number): string {
  const rules = allHostPatterns().map((p) => `MAP ${p} 127.0.0.1:${port}`);
  return [...rules, 'EXCLUDE localhost'].join(', ');
}
