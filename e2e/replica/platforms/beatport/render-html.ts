/**
 * HTML helpers shared by the server renderer and the browser client: escaping, and the hashed
 * styled-components class names Beatport's markup carries (extensions anchor on their stable
 * prefixes: `Table-style__TableRow`, `ArtistNames`, `TrackNo`, `TrackDetail`, ...).
 */

export { escapeHtml } from '../../html-escape';

/** JSON safe inside <script>: Next.js escapes <, >, & and the JS line separators the same way. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Hashed class names in the shape styled-components produces ("<File>-style__<Name>-sc-<hash>-<n> <id>"). */
export const CLS = {
  table: 'Table-style__Table-sc-5c0f3f9b-0 kdtOHk tracks-table',
  row: 'Table-style__TableRow-sc-5c0f3f9b-2 dKJqWd row tracks-table',
  cell: 'Table-style__TableCell-sc-5c0f3f9b-1 fKDBgN',
  trackNo: 'Tables-shared-style__TrackNo-sc-8e3c1a42-1 gWpGjo',
  itemName: 'Lists-shared-style__ItemName-sc-1d8e2a7f-4 bUGcmy',
  artistNames: 'ArtistNames-sc-72fc6023-0 jnLRnJ',
  playButton: 'Tables-shared-style__PlayButton-sc-8e3c1a42-3 fwhLQh',
  addToCart: 'AddToCart-style__Control-sc-3c4a1e2d-0 ePjHnd',
  trackName: 'TrackDetailCard-style__TrackName-sc-9e3b2f1a-3 bFkPQr',
  trackMix: 'TrackDetailCard-style__MixName-sc-9e3b2f1a-4 cYvXpT',
  trackMeta: 'TrackDetailCard-style__Meta-sc-9e3b2f1a-6 iRtGqk',
  releaseName: 'ReleaseDetailCard-style__Name-sc-7e5f3b12-8 hTzqLd',
  releaseMeta: 'ReleaseDetailCard-style__Meta-sc-7e5f3b12-9 kKsXxd',
  headerName: 'HeadingWithBreadcrumb-style__Title-sc-2ac9c2f5-1 jRzPfQ',
  releaseCard: 'ReleaseCard-style__Wrapper-sc-4c1f2a90-0 ePmVmY',
  releaseCardName: 'ReleaseCard-style__Name-sc-4c1f2a90-3 bLqCWl',
  player: 'Player-style__PlayerWrapper-sc-a84f1b09-0 lhBjwS',
  pager: 'Pager-style__Wrapper-sc-0d5f3a6e-0 hEvDzV',
} as const;

export function cell(kind: string, inner: string): string {
  return `<div role="cell" class="${CLS.cell} cell ${kind}">${inner}</div>`;
}
