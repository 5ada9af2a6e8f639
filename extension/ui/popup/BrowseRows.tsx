/** Rows for browse results: tracks reuse ItemRow (with its download button); people and sets open a view. */
import { describeError, type ErrorInfo } from '../../../shared/errors';
import type { EntityRef } from '../../../shared/browse';
import { trackKey } from '../../../shared/jobs';
import { PLATFORM_NAMES } from '../../../shared/platform';
import type { TrackRef } from '../../../shared/track';
import { openEntity } from './browse-state';
import './browse.css';
import { ItemRow } from './ItemRow';
import { download, jobForTrack } from './state';

const KIND_NAMES: Record<EntityRef['kind'], string> = { artist: 'Artist', label: 'Label', user: 'Profile', set: 'Set' };

export function EntityRow({ entity }: { entity: EntityRef }) {
  return (
    <li class="item entity" data-entity={`${entity.platform}:${entity.kind}:${entity.id}`}>
      {entity.imageUrl ? <img class="art round" src={entity.imageUrl} alt="" loading="lazy" /> : <div class="art round placeholder" aria-hidden="true" />}
      <div class="meta">
        <div class="title" dir="auto">{entity.name}</div>
        <div class="artist" dir="auto">{[KIND_NAMES[entity.kind], PLATFORM_NAMES[entity.platform], entity.subtitle].filter(Boolean).join(' · ')}</div>
      </div>
      <button type="button" class="dl" aria-label={`Open ${entity.name}`} title="Open" onClick={() => void openEntity(entity)}>›</button>
    </li>
  );
}

export function TrackRows({ tracks, label }: { tracks: TrackRef[]; label: string }) {
  return (
    <ul class="list" aria-label={label}>
      {tracks.map((t) => (
        <ItemRow key={trackKey(t)} item={t} job={jobForTrack(trackKey(t))} onDownload={(r) => void download(r)} />
      ))}
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
