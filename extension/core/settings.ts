/** User settings, in extension storage (small, synchronous-feeling, shared by every context). */
import { browser } from 'wxt/browser';
import * as v from 'valibot';
import { DEFAULT_TEMPLATE } from '../../shared/filename';
import { ON_EXISTS } from '../../shared/download';

export const SettingsSchema = v.object({
  /** Absolute library folder used by the native host; empty = the host's default (~/Music/Deckhand). */
  libraryRoot: v.optional(v.pipe(v.string(), v.maxLength(4096)), ''),
  template: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(1000)), DEFAULT_TEMPLATE),
  keyNotation: v.optional(v.picklist(['standard', 'camelot', 'openkey']), 'standard'),
  onExists: v.optional(v.picklist(ON_EXISTS), 'rename'),
  /** auto: use the native host when it answers, else the browser; never: always the browser. */
  nativeHost: v.optional(v.picklist(['auto', 'never']), 'auto'),
  /** Parallel segment fetches per download. */
  segmentConcurrency: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16)), 6),
  /** Parallel downloads. */
  jobConcurrency: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(6)), 2),
  /** Largest item the browser path accepts (bytes, estimated from duration); longer needs the host. */
  browserMaxBytes: v.optional(v.number(), 200 * 1024 * 1024),
  /** Sub-folder of the browser's Downloads folder for the in-browser path. */
  browserFolder: v.optional(v.pipe(v.string(), v.maxLength(200)), 'Deckhand'),
  /** Look SoundCloud and Mixcloud downloads up on Beatport and add the BPM, key, genre, label… they lack. */
  enrichFromBeatport: v.optional(v.boolean(), true),
  /** Let Beatport's facts replace what the source says (off: only fill what is missing). */
  preferBeatport: v.optional(v.boolean(), false),
  /** SoundCloud: save the artist's own file (WAV, FLAC…) when they allow downloads and you are signed in. */
  preferOriginal: v.optional(v.boolean(), true),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

const KEY = 'settings';

export async function getSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  const parsed = v.safeParse(SettingsSchema, stored ?? {});
  return parsed.success ? parsed.output : v.parse(SettingsSchema, {});
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = v.parse(SettingsSchema, { ...(await getSettings()), ...patch });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}
