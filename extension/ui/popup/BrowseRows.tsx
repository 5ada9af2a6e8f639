/** Rows for browse results: tracks reuse ItemRow (with its download button); people and sets open a view. */
import { describeError, type ErrorInfo } from '../../../shared/errors';
import type { EntityRef } from '../../../shared/browse';
import { trackKey } from '../../../shared/jobs';
import { PLATFORM_NAMES } from '../../../shared/platform';
import type { TrackRef } from '../../../shared/track';
import { localArt, openEntity, shownTrack } from './browse-state';
import './browse.css';
import { ItemRow } from './ItemRow';
import { download, jobForTrack } from './state';

const KIND_NAMES: Record<EntityRef['kind'], string> = { artist: 'Artist', label: 'Label', user: 'Profile', set: 'Set', chart: 'DJ chart' };

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

/** A track with its download button; the picture is served locally (the download gets the original track). */
export function TrackRow({ track }: { track: TrackRef }) {
  return <ItemRow item={shownTrack(track)} job={jobForTrack(trackKey(track))} onDownload={() => void download(track)} />;
}

export function TrackRows({ tracks, label }: { tracks: TrackRef[]; label: string }) {
  return (
    <ul class="list" aria-label={label}>
      {tracks.map((t) => <TrackRow key={trackKey(t)} track={t} />)}
    </ul>
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
