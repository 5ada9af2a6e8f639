/**
 * i1..i4.sndcdn.com artwork and avatars in SoundCloud's size ladder (real JPEGs of the named size)
 * and wave.sndcdn.com waveform JSON. Unknown keys or sizes 404 like the real CDN.
 */
import { createHash } from 'node:crypto';
import type { ScContext } from './context';

const IMAGE_HOSTS = ['i1.sndcdn.com', 'i2.sndcdn.com', 'i3.sndcdn.com', 'i4.sndcdn.com'];
const IMAGE_NAME = /^\/(artworks|avatars)-([A-Za-z0-9]+-[A-Za-z0-9]+)-([a-z0-9]+)\.jpg$/;

export function registerImages(ctx: ScContext): void {
  const known = (kind: string, key: string): boolean =>
    kind === 'avatars'
      ? ctx.cat.users.some((u) => u.avatarKey === key)
      : ctx.cat.tracks.some((t) => t.artworkKey === key) || ctx.cat.playlists.some((p) => p.artworkKey === key);

  ctx.app.router.get(IMAGE_HOSTS, IMAGE_NAME, 'media', async (req, res) => {
    const m = IMAGE_NAME.exec(req.path);
    const [kind, key, size] = [m?.[1] ?? '', m?.[2] ?? '', m?.[3] ?? ''];
    const made = known(kind, key) ? ctx.media.image(key, size) : undefined;
    if (!made) return res.header('server', 'CloudFront').text('Not Found', 404);
    res.header('cache-control', 'max-age=31536000');
    return res.file((await made).file, 'image/jpeg');
  });

  ctx.app.router.get('wave.sndcdn.com', /^\/([A-Za-z0-9]+)_m\.json$/, 'asset', (req, res) => {
    const key = /^\/([A-Za-z0-9]+)_m\.json$/.exec(req.path)?.[1] ?? '';
    if (!ctx.cat.tracks.some((t) => t.waveKey === key)) return res.text('Not Found', 404);
    const bytes = createHash('sha512').update(key).digest();
    const samples = Array.from({ length: 1800 }, (_, i) => 40 + ((bytes[i % bytes.length] ?? 0) % 80) + Math.round(20 * Math.sin(i / 40)));
    return res.json({ width: 1800, height: 140, samples });
  });
}
