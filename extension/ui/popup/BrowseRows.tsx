/** Rows for browse results: tracks with their download button (and a details view); people and sets open a view. */
import { describeError, type ErrorInfo } from '../../../shared/errors';
import type { EntityRef } from '../../../shared/browse';
import { trackKey } from '../../../shared/jobs';
import { PLATFORM_NAMES } from '../../../shared/platform';
import type { TrackRef } from '../../../shared/track';
import { localArt, openEntity, openTrack, shownTrack } from './browse-state';
import './browse.css';
import { duration } from './format';
import { ItemRow, JobStatus } from './ItemRow';
import { MatchLine, UncheckedNotice } from './MatchLine';
import { download, jobForTrack } from './state';

const KIND_NAMES: Record<EntityRef['kind'], string> = { artist: 'Artist', label: 'Label', user: 'Profile', set: 'Set', chart: 'DJ chart' };
const KIND_OF_TRACK: Record<TrackRef['kind'], string> = { track: 'Track', show: 'Show', preview: 'Preview', set: 'Set' };

export function EntityRow({ entity }: { entity: EntityRef }) {
  const image = localArt(entity.imageUrl);
  return (
    <li class="item entity" data-entity={`${entity.platform}:${entity.kind}:${entity.id}`}>
      {image ? <img class="art round" src={image} alt="" /> : <div class="art round placeholder" aria-hidden="true" />}
      <div class="meta">
        <div class="title" dir="auto">{entity.name}</div>
        <div class="artist" dir="auto">{[KIND_NAMES[entity.kind], PLATFORM_NAMES[entity.platform], entity.subtitle].filter(Boolean).join(' · ')}</div>
      </div>
      <button type="button" class="dl" aria-label={`Open ${entity.name}`} title="Open" onClick={() => void openEntity(entity)}>›</button>
    </li>
  );
}

/** SoundCloud tracks and Mixcloud shows have their own view (about, related, comments); Beatport's do not. */
const hasDetails = (t: TrackRef) => t.platform === 'soundcloud' || t.platform === 'mixcloud';

/**
 * A track with its download button; the picture is served locally (the download gets the original
 * track). SoundCloud and Mixcloud rows also open the track's own view (a second button, after the
 * download one, with the same row layout as ItemRow's).
 */
export function TrackRow({ track, details = true }: { track: TrackRef; /** false inside the track's own view */ details?: boolean }) {
  const job = jobForTrack(trackKey(track));
  if (!details || !hasDetails(track)) return <ItemRow item={track} job={job} onDownload={() => void download(track)} />;
  const item = shownTrack(track);
  const busy = job && (job.state === 'queued' || job.state === 'running');
  const unavailable = item.unavailable ? describeError(item.unavailable.code) : undefined;
  const facts = [KIND_OF_TRACK[item.kind], duration(item.durationMs), item.bpm ? `${Math.round(item.bpm)} BPM` : '', item.key ?? ''].filter(Boolean);
  return (
    <li class="item browse-track" data-track={trackKey(item)}>
      {item.artworkUrl ? <img class="art" src={item.artworkUrl} alt="" /> : <div class="art placeholder" aria-hidden="true" />}
      <div class="meta">
        <div class="title" dir="auto" title={item.title}>{item.title ?? 'Untitled'}</div>
        <div class="artist" dir="auto">{item.artist ?? PLATFORM_NAMES[item.platform]}</div>
        <div class="facts">{facts.join(' · ')}</div>
        <MatchLine item={track} /* the original: a blob: picture does not cross the message schema */ />
        {unavailable ? <div class="status warn">{unavailable.title}: {item.unavailable?.reason ?? unavailable.action}</div> : <JobStatus job={job} />}
      </div>
      <div class="actions">
        <button class="dl" type="button" disabled={!!unavailable || !!busy} aria-label={`Download ${item.title ?? 'item'}`} title={unavailable ? unavailable.title : 'Download'} onClick={() => void download(track)}>
          {job?.state === 'done' ? '✓' : '↓'}
        </button>
        <button class="dl details" type="button" aria-label={`Details of ${item.title ?? 'item'}`} title="Details" onClick={() => void openTrack(track)}>›</button>
      </div>
    </li>
  );
}

export function TrackRows({ tracks, label }: { tracks: TrackRef[]; label: string }) {
  return (
    <>
      <UncheckedNotice tracks={tracks} />
      <ul class="list" aria-label={label}>
        {tracks.map((t) => <TrackRow key={trackKey(t)} track={t} />)}
      </ul>
    </>
  );
}

export function Failure({ error }: { error: ErrorInfo }) {
  const { title, action } = describeError(error.code);
  return (
    <div class="empty" role="alert">
      <p><strong>{title}</strong></p>
      <p>{error.message || action}</p>
    </div>
  );
}
