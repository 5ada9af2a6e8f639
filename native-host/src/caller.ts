/**
 * Who started the host. Chrome passes the caller origin `chrome-extension://<id>/` as the first
 * argument (on Windows followed by --parent-window=<handle>); Firefox passes the manifest path and
 * the add-on id. Only allowed ids may talk to the host: anything else exits before reading stdin.
 */

export type Caller = { browser: 'chromium' | 'firefox'; id: string };

export type CallerCheck = { ok: true; caller: Caller } | { ok: false; reason: string };

const CHROMIUM_ORIGIN = /^chrome-extension:\/\/([a-p]{32})\/?$/;

/** args are the process arguments after node and the script. */
export function identifyCaller(args: readonly string[]): Caller | undefined {
  const [first, second] = args;
  if (first === undefined) return undefined;
  const origin = CHROMIUM_ORIGIN.exec(first);
  if (origin?.[1]) return { browser: 'chromium', id: origin[1] };
  if (second !== undefined && /\.json$/i.test(first) && second.length > 0 && !second.startsWith('-')) {
    return { browser: 'firefox', id: second };
  }
  return undefined;
}

export function checkCaller(args: readonly string[], allowedIds: readonly string[]): CallerCheck {
  const caller = identifyCaller(args);
  if (!caller) {
    return { ok: false, reason: `not started by a browser (arguments: ${JSON.stringify(args.slice(0, 3))})` };
  }
  if (!allowedIds.includes(caller.id)) {
    return { ok: false, reason: `extension ${caller.id} is not allowed (allowed: ${allowedIds.join(', ')})` };
  }
  return { ok: true, caller };
}
