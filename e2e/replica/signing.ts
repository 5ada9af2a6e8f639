/**
 * CloudFront-style signed URLs (Policy / Signature / Key-Pair-Id) as SoundCloud's CDN uses them: the
 * policy names a resource (often a wildcard over a whole HLS rendition) and an expiry.
 */
import { createHmac } from 'node:crypto';

const KEY_PAIR_ID = 'APKAREPLICADECKHAND01';

function cfBase64(buf: Buffer): string {
  return buf.toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
}
function fromCfBase64(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
}

export type Verdict = 'ok' | 'expired' | 'invalid';

export class Signer {
  constructor(private readonly secret: string) {}

  /** Query string (without "?") signing `resource` (may end in "*") until `expiresAt` (epoch seconds). */
  sign(resource: string, expiresAt: number, opts: { withExpires?: boolean } = {}): string {
    const policy = JSON.stringify({
      Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': expiresAt } } }],
    });
    const p = cfBase64(Buffer.from(policy));
    const sig = cfBase64(createHmac('sha256', this.secret).update(p).digest());
    const qs = `Policy=${p}&Signature=${sig}&Key-Pair-Id=${KEY_PAIR_ID}`;
    return opts.withExpires ? `expires=${expiresAt}&${qs}` : qs;
  }

  verify(url: URL, now = Date.now()): Verdict {
    const p = url.searchParams.get('Policy');
    const sig = url.searchParams.get('Signature');
    if (!p || !sig || url.searchParams.get('Key-Pair-Id') !== KEY_PAIR_ID) return 'invalid';
    const expected = cfBase64(createHmac('sha256', this.secret).update(p).digest());
    if (expected !== sig) return 'invalid';
    let statement: { Resource?: string; Condition?: { DateLessThan?: { 'AWS:EpochTime'?: number } } } | undefined;
    try {
      statement = (JSON.parse(fromCfBase64(p).toString('utf8')) as { Statement?: (typeof statement)[] }).Statement?.[0];
    } catch {
      return 'invalid';
    }
    const resource = statement?.Resource ?? '';
    const target = `${url.protocol}//${url.host}${url.pathname}`;
    const ok = resource.endsWith('*') ? target.startsWith(resource.slice(0, -1)) : target === resource;
    if (!ok) return 'invalid';
    const exp = statement?.Condition?.DateLessThan?.['AWS:EpochTime'] ?? 0;
    return now / 1000 < exp ? 'ok' : 'expired';
  }
}

/** CloudFront's answer to a signed URL that expired or does not verify. */
export const ACCESS_DENIED_XML =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>';
