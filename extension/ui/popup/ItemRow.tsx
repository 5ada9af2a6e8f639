/** One row: artwork, title, artists, facts, and the item's own download button with live state. */
import { describeError } from '../../../shared/errors';
import { progressFraction, trackKey, type JobView } from '../../../shared/jobs';
import { PLATFORM_NAMES } from '../../../shared/platform';
import type { TrackRef } from '../../../shared/track';
import { duration, eta, speed } from './format';
import { MatchLine } from './MatchLine';
import { localArt } from './browse-state';

const KIND: Record<TrackRef['kind'], string> = { track: 'Track', show: 'Show', preview: 'Preview', set: 'Set' };

export function JobStatus({ job }: { job: JobView | undefined }) {
  if (!job) return null;
  if (job.state === 'running' || job.state === 'queued') {
    const f = progressFraction(job.progress);
    const pct = f === undefined ? 0 : Math.floor(f * 100);
    const p = job.progress;
    return (
      <div class="status">
        <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Download progress">
          <span style={{ width: `${pct}%` }} />
        </div>
        <span class="muted">
          {job.state === 'queued' ? 'Queued' : p?.phase === 'fetching' ? [`${pct}%`, speed(p?.speed), eta(p?.etaSec)].filter(Boolean).join(' · ') : 'Tagging…'}
        </span>
      </div>
    );
  }
  if (job.state === 'done') return <div class="status ok" title={job.path}>Saved{job.path ? ` — ${job.path.split(/[/\\]/).pop()}` : ''}</div>;
  if (job.state === 'failed' && job.error) {
    const { title } = describeError(job.error.code);
    return <div class="status err">{title}: {job.error.message}</div>;
  }
  return null;
}

export function ItemRow({ item, job, onDownload }: { item: TrackRef; job: JobView | undefined; onDownload: (ref: TrackRef) => void }) {
  const busy = job && (job.state === 'queued' || job.state === 'running');
  const unavailable = item.unavailable ? describeError(item.unavailable.code) : undefined;
  // Pictures come from the local artwork cache (no request when the popup reopens).
  const art = localArt(item.artworkUrl);
  const facts = [KIND[item.kind], duration(item.durationMs), item.bpm ? `${Math.round(item.bpm)} BPM` : '', item.key ?? ''].filter(Boolean);
  return (
    <li class="item" data-track={trackKey(item)}>
      {art ? <img class="art" src={art} alt="" loading="lazy" /> : <div class="art placeholder" aria-hidden="true" />}
      <div class="meta">
        <div class="title" dir="auto" title={item.title}>{item.title ?? 'Untitled'}</div>
        <div class="artist" dir="auto">{item.artist ?? PLATFORM_NAMES[item.platform]}</div>
        <div class="facts">{facts.join(' · ')}</div>
        <MatchLine item={item} />
        {unavailable ? <div class="status warn">{unavailable.title}: {item.unavailable?.reason ?? unavailable.action}</div> : <JobStatus job={job} />}
      </div>
      <button
        class="dl"
        type="button"
        disabled={!!unavailable || !!busy}
        aria-label={`Download ${item.title ?? 'item'}`}
        title={unavailable ? unavailable.title : 'Download'}
        onClick={() => onDownload(item)}
      >
        {job?.state === 'done' ? '✓' : '↓'}
      </button>
    </li>
  );
}
