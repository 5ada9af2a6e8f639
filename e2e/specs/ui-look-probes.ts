/**
 * In-page probes for ui-look.e2e.ts: WCAG text contrast of everything visible, and whether keyboard
 * focus shows a ring that no scrolling ancestor clips. They run inside the page (puppeteer evaluate),
 * so they read the colours and outlines Chromium actually computed for the current colour scheme.
 */
import type { Page } from 'puppeteer';

export interface ContrastFailure {
  page: string;
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * Every visible, enabled element with its own text whose contrast against what is painted behind it
 * is below 4.5:1 (WCAG AA for normal text; disabled controls are exempt, as WCAG says).
 */
export async function contrastFailures(page: Page, name: string): Promise<ContrastFailure[]> {
  const found = await page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const [r = 0, g = 0, b = 0, a = 1] = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
    };
    const lum = ([r, g, b]: Rgba) => {
      const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    /** What is painted behind an element: its and its ancestors' backgrounds, over the canvas. */
    const backdrop = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
      const canvas = parse(getComputedStyle(document.documentElement).colorScheme.includes('dark') && matchMedia('(prefers-color-scheme: dark)').matches ? 'rgb(18,18,18)' : 'rgb(255,255,255)');
      return layers.reverse().reduce((under, top) => over(top, under), canvas);
    };
    const opacity = (el: Element) => {
      let o = 1;
      for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    const out: Array<{ text: string; ratio: number; color: string; background: string }> = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (!own || el instanceof HTMLOptionElement || el instanceof HTMLScriptElement || el instanceof HTMLStyleElement) continue;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!rect.width || !rect.height || style.visibility === 'hidden' || el.closest('[hidden],[aria-hidden="true"]')) continue;
      if (el.closest(':disabled,[aria-disabled="true"]')) continue;
      const bg = backdrop(el);
      const fg = over([...parse(style.color).slice(0, 3), parse(style.color)[3] * opacity(el)] as Rgba, bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < 4.5) out.push({ text: own.slice(0, 40), ratio: Math.round(ratio * 100) / 100, color: style.color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(',')})` });
    }
    return out;
  });
  return found.map((f) => ({ page: name, ...f }));
}

/** What Tab reached, and whether its focus ring showed. */
export interface FocusStop {
  what: string;
  ring: boolean;
  clipped: boolean;
}

/**
 * Presses Tab up to `max` times from the top of the page and reports each stop that shows no focus
 * ring (outline or box-shadow) or whose ring a scrolling or clipping ancestor cuts off; `reached` lists
 * the distinct stops in order, so a walk that ended early shows.
 */
export async function focusRingless(page: Page, max = 120): Promise<{ reached: string[]; ringless: FocusStop[] }> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reported = new Set<string>();
  const bad: FocusStop[] = [];
  let first: string | undefined;
  let last: string | undefined;
  const reached = new Set<string>();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      // Between the parts of a date field Chromium can leave focus on none of them for a press.
      if (!el || el === document.body || !el.matches(':focus')) return undefined;
      const s = getComputedStyle(el);
      const width = parseFloat(s.outlineWidth) || 0;
      const outline = s.outlineStyle !== 'none' && width > 0;
      const ring = outline || (s.boxShadow !== 'none' && s.boxShadow !== '');
      const r = el.getBoundingClientRect();
      const grow = outline ? width + Math.max(0, parseFloat(s.outlineOffset) || 0) : 0;
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const as = getComputedStyle(a);
        if (as.overflowX === 'visible' && as.overflowY === 'visible') continue;
        const ar = a.getBoundingClientRect();
        // A ring that crosses the edge of a scroller or clipper is cut off there.
        if (r.left - grow < ar.left - 0.5 || r.right + grow > ar.right + 0.5 || r.top - grow < ar.top - 0.5 || r.bottom + grow > ar.bottom + 0.5) clipped = true;
      }
      const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : ''} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}”`;
      return { what, ring, clipped };
    });
    if (!stop) continue;
    // Tab walks the parts of a date field (month, day, year) on one element; back at the first stop, it went round.
    if (stop.what === first && last !== first) break;
    first ??= stop.what;
    last = stop.what;
    reached.add(stop.what);
    if ((!stop.ring || stop.clipped) && !reported.has(stop.what)) {
      reported.add(stop.what);
      bad.push(stop);
    }
  }
  return { reached: [...reached], ringless: bad };
}
