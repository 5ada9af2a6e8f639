/**
 * oEmbed for shows, on https://app.mixcloud.com/oembed/ (current docs) and
 * https://www.mixcloud.com/oembed/ (the provider registry): `url` + `format=json|xml`.
 */
import type { ReplicaApp } from '../../app';
import type { Req, Res } from '../../http';
import type { Catalogue } from './catalogue';
import { showKey } from './model';
import { esc } from './render';

export function registerOembed(app: ReplicaApp, cat: Catalogue): void {
  const handler = (req: Req, res: Res) => {
    const format = req.query.get('format') ?? 'json';
    if (format !== 'json' && format !== 'xml') return res.text('Not Implemented', 501);
    let target: URL | undefined;
    try {
      target = new URL(req.query.get('url') ?? '');
    } catch {
      target = undefined;
    }
    const [username, slug, extra] = (target?.pathname ?? '').split('/').filter(Boolean);
    const show = target && /(^|\.)mixcloud\.com$/.test(target.hostname) && username && slug && !extra ? cat.show(username, slug) : undefined;
    if (!show) return res.text('Not Found', 404);
    const owner = cat.user(show.owner);
    const feed = encodeURIComponent(showKey(show));
    const height = Number(req.query.get('maxheight')) > 0 ? Math.min(Number(req.query.get('maxheight')), 400) : 120;
    const body: Record<string, string | number> = {
      type: 'rich',
      version: '1.0',
      provider_name: 'Mixcloud',
      provider_url: 'https://www.mixcloud.com',
      title: show.name,
      author_name: owner?.displayName ?? show.owner,
      author_url: `https://www.mixcloud.com/${show.owner}/`,
      html: `<iframe width="100%" height="${height}" src="https://player-widget.mixcloud.com/widget/iframe/?hide_cover=1&feed=${feed}" frameborder="0" ></iframe>`,
      width: '100%',
      height,
      ...(show.picturePath ? { image: `https://thumbnailer.mixcloud.com/unsafe/300x300/${show.picturePath}` } : {}),
      description: show.description ?? '',
    };
    if (format === 'json') return res.json(body);
    const fields = Object.entries(body).map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join('');
    return res.text(`<?xml version="1.0" encoding="utf-8"?><oembed>${fields}</oembed>`, 200, 'text/xml; charset=utf-8');
  };
  app.router.get(['app.mixcloud.com', 'www.mixcloud.com'], '/oembed', 'api', handler);
}
