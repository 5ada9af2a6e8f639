/**
 * Styled-components look-alike: every component gets the real site's two classes, a stable
 * "styles__<Name>-css-in-js__sc-<hash>-0" and a generated one the CSS targets. Extensions must not
 * anchor on either (the real ones change with every deploy); data-testid attributes are the hooks.
 */
import { hashString } from '../../rng';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function letters(n: number, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) {
    s += LETTERS[n % LETTERS.length];
    n = Math.floor(n / LETTERS.length) + i * 7919;
  }
  return s;
}

function generated(component: string): string {
  return letters(hashString(`gen:${component}`), 6);
}

/** class="" value for a component. */
export function sc(component: string): string {
  const id = hashString(`sc:${component}`).toString(36).slice(0, 6).padStart(6, '0');
  return `styles__${component}-css-in-js__sc-${id}-0 ${generated(component)}`;
}

const RULES: Record<string, string> = {
  Header: 'position:sticky;top:0;z-index:5;display:flex;align-items:center;gap:24px;height:60px;padding:0 32px;background:#fff;border-bottom:1px solid #e6e6f0',
  Logo: 'font-weight:800;font-size:22px;letter-spacing:-.5px;color:#5000ff;text-decoration:none',
  NavLink: 'color:#31325f;text-decoration:none;font-weight:600;font-size:14px',
  SearchForm: 'margin-left:auto;display:flex',
  SearchInput: 'width:260px;padding:8px 14px;border:1px solid #d6d6e3;border-radius:20px;font-size:14px',
  Main: 'max-width:1100px;margin:0 auto;padding:32px 32px 140px',
  PageTitle: 'font-size:28px;font-weight:800;color:#18183a;margin:0 0 20px;overflow-wrap:anywhere',
  Hero: 'display:flex;gap:28px;align-items:flex-start;margin-bottom:28px',
  HeroArt: 'width:240px;height:240px;border-radius:6px;object-fit:cover;background:#ececf4;flex:none',
  Title: 'font-size:30px;line-height:1.2;font-weight:800;color:#18183a;margin:0 0 8px;overflow-wrap:anywhere;max-height:10em;overflow:hidden',
  OwnerLink: 'color:#5000ff;font-weight:700;text-decoration:none;overflow-wrap:anywhere',
  Meta: 'color:#6b6b8d;font-size:13px;margin:10px 0',
  PlayButton: 'display:inline-flex;align-items:center;justify-content:center;width:52px;height:52px;border-radius:50%;border:0;background:#5000ff;color:#fff;font-size:20px;cursor:pointer;flex:none',
  SmallPlayButton: 'display:inline-flex;align-items:center;justify-content:center;width:36px;height:36px;border-radius:50%;border:0;background:#5000ff;color:#fff;font-size:14px;cursor:pointer;flex:none',
  Badge: 'display:inline-block;padding:3px 9px;border-radius:12px;background:#ffd400;color:#18183a;font-size:12px;font-weight:700;margin-right:6px',
  Notice: 'padding:10px 14px;border-radius:6px;background:#fff4e5;color:#8a4b00;font-size:14px;margin:10px 0',
  TagList: 'display:flex;flex-wrap:wrap;gap:6px;margin:10px 0;padding:0;list-style:none',
  TagChip: 'display:inline-block;padding:4px 10px;border-radius:14px;background:#f0f0f7;color:#31325f;font-size:12px;text-decoration:none;overflow-wrap:anywhere',
  Description: 'white-space:pre-wrap;color:#31325f;line-height:1.5;margin:16px 0',
  SectionTitle: 'font-size:18px;font-weight:800;color:#18183a;margin:28px 0 10px',
  Tracklist: 'list-style:none;margin:0;padding:0;border-top:1px solid #ececf4',
  TracklistRow: 'display:flex;gap:14px;padding:10px 4px;border-bottom:1px solid #ececf4;font-size:14px;color:#31325f',
  TrackTime: 'width:64px;flex:none;color:#8a8aa8;font-variant-numeric:tabular-nums',
  CardList: 'list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:14px',
  Card: 'display:flex;gap:16px;align-items:center;padding:12px;border-radius:8px;background:#fff;box-shadow:0 1px 3px rgba(24,24,58,.08)',
  CardArt: 'width:88px;height:88px;border-radius:4px;object-fit:cover;background:#ececf4;flex:none',
  CardBody: 'min-width:0;flex:1',
  CardTitle: 'display:block;font-weight:700;color:#18183a;text-decoration:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis',
  CardOwner: 'color:#6b6b8d;font-size:13px;text-decoration:none',
  Duration: 'color:#8a8aa8;font-size:12px;margin-left:auto;flex:none;font-variant-numeric:tabular-nums',
  ProfileHeader: 'display:flex;gap:24px;align-items:center;margin-bottom:20px',
  Avatar: 'width:120px;height:120px;border-radius:50%;object-fit:cover;background:#ececf4;flex:none',
  Tabs: 'display:flex;gap:20px;border-bottom:1px solid #e6e6f0;margin:0 0 20px',
  Tab: 'padding:10px 0;color:#6b6b8d;text-decoration:none;font-weight:700;font-size:14px;border-bottom:2px solid transparent',
  ListEnd: 'height:40px;color:#8a8aa8;font-size:13px;text-align:center;padding-top:12px',
  Comment: 'padding:8px 0;border-bottom:1px solid #f0f0f7;font-size:14px;color:#31325f;overflow-wrap:anywhere',
  Player: 'position:fixed;left:0;right:0;bottom:0;z-index:10;display:flex;align-items:center;gap:16px;height:72px;padding:0 24px;background:#18183a;color:#fff',
  PlayerArt: 'width:48px;height:48px;border-radius:4px;object-fit:cover;background:#31325f;flex:none',
  PlayerTitle: 'color:#fff;font-weight:700;text-decoration:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:50vw;display:block',
  PlayerOwner: 'color:#b9b9d6;font-size:12px;text-decoration:none',
  PlayerMessage: 'margin-left:auto;color:#ffd400;font-size:13px',
  ConsentBox: 'max-width:460px;margin:60px auto;padding:32px;border-radius:10px;background:#fff;box-shadow:0 2px 12px rgba(24,24,58,.12);text-align:center',
  PrimaryButton: 'padding:10px 26px;border:0;border-radius:20px;background:#5000ff;color:#fff;font-weight:700;font-size:15px;cursor:pointer;margin:6px',
  SecondaryButton: 'padding:10px 26px;border:1px solid #d6d6e3;border-radius:20px;background:#fff;color:#31325f;font-weight:700;font-size:15px;cursor:pointer;margin:6px',
};

const GLOBAL = `*{box-sizing:border-box}body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f7f7fb;color:#18183a}
a:hover{text-decoration:underline}button:disabled{opacity:.5;cursor:default}[data-active="true"]{color:#18183a;border-bottom-color:#5000ff}`;

export const CSS = `${GLOBAL}\n${Object.entries(RULES).map(([name, body]) => `.${generated(name)}{${body}}`).join('\n')}`;
