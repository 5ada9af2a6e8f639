/** The three platforms Deckhand knows. Adding one means the compiler points at every Record<PlatformId, ...>. */
export const PLATFORM_IDS = ['soundcloud', 'mixcloud', 'beatport'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export const PLATFORM_NAMES: Record<PlatformId, string> = {
  soundcloud: 'SoundCloud',
  mixcloud: 'Mixcloud',
  beatport: 'Beatport',
};

export function isPlatformId(value: unknown): value is PlatformId {
  return typeof value === 'string' && (PLATFORM_IDS as readonly string[]).includes(value);
}

/** Which platform a page or link belongs to, from its host name alone. */
export function platformOfUrl(url: string): PlatformId | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const is = (domain: string) => host === domain || host.endsWith(`.${domain}`);
  if (is('soundcloud.com') || is('sndcdn.com') || is('soundcloud.cloud')) return 'soundcloud';
  if (is('mixcloud.com')) return 'mixcloud';
  if (is('beatport.com')) return 'beatport';
  return undefined;
}
