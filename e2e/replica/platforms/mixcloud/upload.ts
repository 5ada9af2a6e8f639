/**
 * POST https://api.mixcloud.com/upload/?access_token=… : one multipart request (mp3, name,
 * picture, description, tags-X-tag, sections-X-*, Pro-only fields). Validation runs after the whole
 * body arrived, as on the real API. A token sent in the form body instead of the query string gets
 * "200 with no response JSON" (seen by the MCP client). Accepted uploads are kept in memory and
 * listed at GET https://replica.deckhand.test/__replica/mixcloud/uploads; they do not join the
 * catalogue.
 */
import { createHash } from 'node:crypto';
import type { ReplicaApp } from '../../app';
import { CONTROL_HOST } from '../../hosts';
import type { Req, Res } from '../../http';
import { compactUser, slugify } from './api-shapes';
import type { Catalogue } from './catalogue';
import { boundaryOf, parseMultipart, type FormPart } from './multipart';
import { oauthError, type MixcloudAuth } from './oauth';

export const UPLOAD_LIMITS = { mp3Bytes: 4_294_967_296, pictureBytes: 10_485_760, descriptionChars: 1000, tags: 5 };
const PRO_ONLY = [/^publish_date$/, /^disable_comments$/, /^hide_stats$/, /^hosts-\d+-username$/];

export type UploadSection = ({ artist: string; song: string } | { chapter: string }) & { start_time?: number };

export interface StoredUpload {
  key: string;
  username: string;
  name: string;
  description: string;
  tags: string[];
  sections: UploadSection[];
  /** sha256 (hex) of the received file: tests compare it with what was sent. */
  mp3: { filename: string; bytes: number; sha256: string };
  picture: { bytes: number } | null;
  unlisted: boolean;
  /** ISO-8601 Z, when it was accepted (/me/cloudcasts/ lists it from then on). */
  createdTime: string;
}

export class UploadHandler {
  readonly uploads: StoredUpload[] = [];

  constructor(private readonly cat: Catalogue, private readonly auth: MixcloudAuth) {}

  reset(): void {
    this.uploads.length = 0;
  }

  register(app: ReplicaApp): void {
    app.router.get(CONTROL_HOST, '/__replica/mixcloud/uploads', 'api', (_req, res) => res.json(this.uploads));
  }

  /** The uploads `username` made, in the public API's list shape, for /<user>/cloudcasts/. */
  listed(username: string, viewer: string | undefined): { at: string; value: Record<string, unknown> }[] {
    const owner = this.cat.user(username);
    return this.uploads
      .filter((u) => u.username.toLowerCase() === username.toLowerCase() && (!u.unlisted || viewer?.toLowerCase() === username.toLowerCase()))
      .map((u) => ({
        at: u.createdTime,
        value: {
          key: u.key, url: `https://www.mixcloud.com${u.key}`, name: u.name, slug: u.key.split('/')[2] ?? '', created_time: u.createdTime, updated_time: u.createdTime,
          tags: u.tags.map((t) => ({ key: `/discover/${slugify(t)}/`, url: `https://www.mixcloud.com/discover/${slugify(t)}/`, name: t })),
          play_count: 0, favorite_count: 0, comment_count: 0, listener_count: 0, repost_count: 0, audio_length: 0,
          user: owner ? compactUser(owner) : { key: `/${username}/`, username },
        },
      }));
  }

  /** `answerDelayMs`: the fault that answers an accepted upload late (it is stored at once). */
  async handle(req: Req, res: Res, answerDelayMs = 0): Promise<void> {
    const body = await req.body();
    const boundary = boundaryOf(req.header('content-type'));
    let parts: FormPart[] = [];
    try {
      parts = boundary ? parseMultipart(body, boundary) : [];
    } catch {
      parts = [];
    }
    const token = req.query.get('access_token');
    if (!token) {
      if (parts.some((p) => p.name === 'access_token')) return res.status(200).send(Buffer.alloc(0));
      return res.json(oauthError('An active access token must be used to upload.'), 401);
    }
    const user = this.auth.userFor(token);
    if (!user) return res.json(oauthError('An invalid access token was provided.'), 401);
    if (!boundary || !parts.length) return res.json({ error: { type: 'RequestException', message: 'Expected a multipart/form-data body.' } }, 400);

    const field = (name: string) => parts.find((p) => p.name === name && p.filename === undefined)?.data.toString('utf8');
    const details: Record<string, string[]> = {};
    const fail = (key: string, message: string) => (details[key] ??= []).push(message);
    const mp3 = parts.find((p) => p.name === 'mp3' && p.filename !== undefined);
    if (!mp3 || mp3.data.length === 0) fail('mp3', 'This field is required.');
    else if (mp3.data.length > UPLOAD_LIMITS.mp3Bytes) fail('mp3', 'File too large.');
    const name = field('name')?.trim() ?? '';
    if (!name) fail('name', 'This field is required.');
    const picture = parts.find((p) => p.name === 'picture' && p.filename !== undefined);
    if (picture && picture.data.length > UPLOAD_LIMITS.pictureBytes) fail('picture', 'Picture too large (max 10MB).');
    const description = field('description') ?? '';
    if (description.length > UPLOAD_LIMITS.descriptionChars) fail('description', 'Ensure this value has at most 1000 characters.');
    const tags = this.tags(parts, fail);
    const sections = this.sections(parts, fail);
    if (!user.isPro) for (const p of parts) if (PRO_ONLY.some((re) => re.test(p.name))) fail(p.name, 'This option needs a Pro account.');
    if (Object.keys(details).length) {
      return res.json({ error: { type: 'ValidationException', message: 'The upload is not valid.' }, details }, 400);
    }

    let slug = slugify(name) || 'untitled';
    const taken = (s: string) => !!this.cat.show(user.username, s) || this.uploads.some((u) => u.key === `/${user.username}/${s}/`);
    for (let i = 2; taken(slug); i++) slug = `${slugify(name) || 'untitled'}-${i}`;
    const key = `/${user.username}/${slug}/`;
    this.uploads.push({
      key, username: user.username, name, description, tags, sections,
      mp3: { filename: mp3?.filename ?? '', bytes: mp3?.data.length ?? 0, sha256: createHash('sha256').update(mp3?.data ?? Buffer.alloc(0)).digest('hex') },
      picture: picture ? { bytes: picture.data.length } : null,
      unlisted: field('unlisted') !== undefined && field('unlisted') !== '0' && field('unlisted') !== 'false',
      createdTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    if (answerDelayMs > 0) await new Promise((r) => setTimeout(r, answerDelayMs));
    return res.json({ result: { success: true, message: 'Uploaded successfully', key } });
  }

  private tags(parts: FormPart[], fail: (k: string, m: string) => void): string[] {
    const tags: string[] = [];
    for (const p of parts) {
      const m = /^tags-(\d+)-tag$/.exec(p.name);
      if (!m) continue;
      if (Number(m[1]) >= UPLOAD_LIMITS.tags) fail(p.name, 'A show can have at most 5 tags.');
      else tags[Number(m[1])] = p.data.toString('utf8');
    }
    return tags.filter((t) => t !== undefined);
  }

  private sections(parts: FormPart[], fail: (k: string, m: string) => void): UploadSection[] {
    const rows = new Map<number, Record<string, string>>();
    for (const p of parts) {
      const m = /^sections-(\d+)-(artist|song|chapter|start_time)$/.exec(p.name);
      if (!m) continue;
      const row = rows.get(Number(m[1])) ?? {};
      row[m[2] as string] = p.data.toString('utf8');
      rows.set(Number(m[1]), row);
    }
    const out: UploadSection[] = [];
    for (const [i, row] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
      const start = row.start_time;
      if (start !== undefined && !/^\d+$/.test(start)) fail(`sections-${i}-start_time`, 'Enter a whole number.');
      const timing = start !== undefined ? { start_time: Number(start) } : {};
      if (row.chapter !== undefined) out.push({ chapter: row.chapter, ...timing });
      else if (row.artist && row.song) out.push({ artist: row.artist, song: row.song, ...timing });
      else fail(`sections-${i}`, 'A track section needs both artist and song.');
    }
    return out;
  }
}
