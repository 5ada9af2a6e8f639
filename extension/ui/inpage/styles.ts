/** Per-site looks for the in-page button, close to each site's own small buttons. Static CSS only. */
import type { PlatformId } from '../../../shared/platform';

/** Icon shapes (16×16, stroked). They are drawn as CSS masks: a state change sets one attribute, no SVG nodes are made. */
const svg = (path: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" fill="none" stroke="#000" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

export const ICONS = {
  download: svg('<path d="M8 2.5v8M4.5 7.5 8 11l3.5-3.5M3 13.5h10"/>'),
  check: svg('<path d="M3 8.5 6.5 12 13 4.5"/>'),
  clock: svg('<circle cx="8" cy="8" r="5.5"/><path d="M8 5v3.2l2 1.3"/>'),
  spinner: svg('<path d="M8 2.5a5.5 5.5 0 1 1-5.5 5.5"/>'),
  alert: svg('<path d="M8 2.5 14 13H2z"/><path d="M8 6.5v3M8 11.3v.2"/>'),
  blocked: svg('<circle cx="8" cy="8" r="5.5"/><path d="M4.2 11.8l7.6-7.6"/>'),
  pause: svg('<path d="M6 4v8M10 4v8"/>'),
  copy: svg('<rect x="5.5" y="5.5" width="8" height="8" rx="1.5"/><path d="M3.5 10.5h-1v-8h8v1"/>'),
} as const;
export type IconName = keyof typeof ICONS;

const ICON_CSS = Object.entries(ICONS)
  .map(([name, body]) => `.icon[data-icon="${name}"] { --icon: url("data:image/svg+xml,${encodeURIComponent(body)}"); }`)
  .join('\n');

const common = `
  :host { all: initial; display: inline-flex; }
  .dh { position: relative; overflow: hidden; display: inline-flex; align-items: center; gap: 4px; cursor: pointer;
        white-space: nowrap; box-sizing: border-box; margin: 0; }
  .dh .bar { position: absolute; left: 0; top: 0; bottom: 0; width: 0; transition: width .25s linear; pointer-events: none; }
  .dh .icon, .dh .label { position: relative; display: inline-flex; }
  .icon { flex: none; width: 14px; height: 14px; background: currentColor;
          -webkit-mask: var(--icon) center / 14px 14px no-repeat; mask: var(--icon) center / 14px 14px no-repeat; }
  ${ICON_CSS}
  .dh[aria-disabled="true"] { cursor: help; }
  /* A paused download keeps its progress on the bar, greyed: stopped, not failed. */
  .dh[data-state="paused"] .bar { filter: grayscale(1); }
  .dh:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
  .facts { display: inline-flex; align-items: center; align-self: center; box-sizing: border-box; white-space: nowrap; margin: 0 0 0 6px;
           font: inherit; text-decoration: none; }
  a.facts { cursor: pointer; }
  a.facts:hover { text-decoration: underline; }
  a.facts:focus-visible { outline: 2px solid currentColor; outline-offset: 1px; }
  .copy { margin-left: 4px; }
  /* Icon only (grid tiles): the label is kept for screen readers, out of sight. */
  .dh.compact { justify-content: center; padding: 0; }
  .dh.compact .label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .icon[data-icon="spinner"] { animation: spin 1s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .icon[data-icon="spinner"] { animation: none; } .dh .bar { transition: none; } }
`;

export const BUTTON_STYLES: Record<PlatformId, string> = {
  // SoundCloud "sc-button": white, light grey border, 3px radius; small 22px, medium 26px.
  soundcloud: `${common}
    .dh { --focus: #f50; height: 26px; padding: 2px 9px 2px 7px; margin-right: 5px; border: 1px solid #e5e5e5; border-radius: 3px;
          background: #fff; color: #333; font: 400 12px/1.4 "Interstate", "Lucida Grande", "Lucida Sans Unicode", Arial, sans-serif; }
    .dh.small { height: 22px; padding: 1px 6px 1px 5px; font-size: 11px; }
    .dh.compact { width: 22px; height: 22px; }
    .dh:hover { border-color: #ccc; }
    .dh .bar { background: rgba(255, 85, 0, .16); }
    .dh[data-state="done"] { color: #f50; border-color: #f50; }
    .dh[data-state="failed"] { color: #d0021b; border-color: #f3b8bf; }
    .dh[aria-disabled="true"] { color: #999; background: #f8f8f8; }
    /* Like SoundCloud's own stats and tag pills: quiet grey, the button's height. */
    .facts { height: 26px; margin: 0 5px 0 0; padding: 0 7px; border-radius: 3px; background: #f2f2f2; color: #666;
             font: 400 12px/1 "Interstate", "Lucida Grande", Arial, sans-serif; }
    .dh.small + .facts, .dh.compact + .facts { height: 22px; padding: 0 6px; font-size: 11px; }
  `,
  // Mixcloud: rounded pill buttons, dark text, violet-blue accent.
  mixcloud: `${common}
    .dh { --focus: #5000ff; height: 32px; padding: 0 14px 0 12px; border: 1px solid #d9d9de; border-radius: 16px; background: #fff;
          color: #02061c; font: 600 13px/1 "Open Sans", "Helvetica Neue", Arial, sans-serif; }
    .dh.small { height: 26px; padding: 0 10px 0 9px; font-size: 12px; }
    .dh.compact { width: 26px; height: 26px; }
    .dh:hover { border-color: #02061c; }
    .dh .bar { background: rgba(80, 0, 255, .14); }
    .dh[data-state="done"] { color: #5000ff; border-color: #5000ff; }
    .dh[data-state="failed"] { color: #d6001c; }
    .dh[aria-disabled="true"] { color: #8a8c99; background: #f4f4f6; }
    /* A quiet pill beside the pill button, like Mixcloud's tag chips. */
    .facts { height: 32px; padding: 0 12px; border-radius: 16px; background: #f0f0f5; color: #3c3f52;
             font: 600 12px/1 "Open Sans", "Helvetica Neue", Arial, sans-serif; }
    .dh.small + .facts, .dh.compact + .facts { height: 26px; padding: 0 10px; font-size: 11px; }
  `,
  // Beatport: dark rows, square small buttons, green accent.
  beatport: `${common}
    .dh { --focus: #01ff95; height: 28px; padding: 0 10px 0 8px; border: 1px solid #3d3d3d; border-radius: 4px; background: #262626;
          color: #fff; font: 500 12px/1 "Aeonik", "Inter", "Helvetica Neue", Arial, sans-serif; }
    .dh.small { height: 24px; padding: 0 8px 0 6px; font-size: 11px; }
    .dh.compact { width: 24px; height: 24px; }
    .dh:hover { border-color: #01ff95; color: #01ff95; }
    .dh .bar { background: rgba(1, 255, 149, .22); }
    .dh[data-state="done"] { color: #01ff95; border-color: #01ff95; }
    .dh[data-state="failed"] { color: #ff5b5b; border-color: #ff5b5b; }
    .dh[aria-disabled="true"] { color: #8c8c8c; background: #1c1c1c; }
    .facts { order: 2; margin: 0 0 0 8px; color: #01ff95; font: 600 11px/1 "Aeonik", "Inter", "Helvetica Neue", Arial, sans-serif; letter-spacing: .02em; }
  `,
};
