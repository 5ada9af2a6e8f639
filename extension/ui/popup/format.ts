/** Small display helpers for the popup. */
export function duration(ms: number | undefined): string {
  if (!ms || ms < 0) return '';
  const s = Math.floor(ms / 1000); // as the sites show it (6:12.8 is 6:12)
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function bytes(n: number | undefined): string {
  if (!n) return '';
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function speed(bps: number | undefined): string {
  return bps ? `${bytes(bps)}/s` : '';
}

export function eta(sec: number | undefined): string {
  if (sec === undefined) return '';
  return sec < 60 ? `${sec}s left` : `${Math.round(sec / 60)} min left`;
}
