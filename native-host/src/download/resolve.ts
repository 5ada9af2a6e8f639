/**
 * A resolve map (DECKHAND_RESOLVE="host=ip:port,*.sndcdn.com=ip:port,*=ip:port") sends named hosts
 * elsewhere while the request keeps SNI and the Host header, like curl --resolve: how tests point
 * the real host at the replica.
 */
export interface ResolveRule {
  pattern: string;
  ip: string;
  port: number;
}

export function parseResolve(spec: string | undefined): ResolveRule[] {
  if (!spec) return [];
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^([^=]+)=([^:]+):(\d+)$/.exec(entry);
      if (!m) throw new Error(`bad resolve rule "${entry}" (want host=ip:port)`);
      return { pattern: (m[1] as string).toLowerCase(), ip: m[2] as string, port: Number(m[3]) };
    });
}

function matches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

/** Where to connect for `url`: a matching rule's address, else the URL's own host and port. */
export function targetOf(rules: readonly ResolveRule[], url: URL): { host: string; port: number } {
  const hostname = url.hostname.toLowerCase();
  const rule = rules.find((r) => matches(r.pattern, hostname));
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return rule ? { host: rule.ip, port: rule.port } : { host: hostname, port };
}
