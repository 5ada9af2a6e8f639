/**
 * The popup's queue: every job (downloads and uploads) with its state and progress, and pause /
 * resume / cancel / retry; a finished upload shows "On SoundCloud" / "On Mixcloud" with its link.
 */
import { isUploadJob, progressFraction, type JobView, type UploadJobInfo } from '../../../shared/jobs';
import { PLATFORM_NAMES } from '../../../shared/platform';
import type { RequestType } from '../../../shared/messages';
import { send } from '../../core/messaging';
import { JobStatus } from './ItemRow';
import { jobs } from './state';
import { shownTrack } from './browse-state';

type JobAction = Extract<RequestType, 'job.pause' | 'job.resume' | 'job.cancel' | 'job.retry'>;

interface ActionSpec {
  action: JobAction;
  verb: string;
  icon: string;
}

const PAUSE: ActionSpec = { action: 'job.pause', verb: 'Pause', icon: '❚❚' };
const RESUME: ActionSpec = { action: 'job.resume', verb: 'Resume', icon: '▶' };
const CANCEL: ActionSpec = { action: 'job.cancel', verb: 'Cancel', icon: '✕' };
const RETRY: ActionSpec = { action: 'job.retry', verb: 'Retry', icon: '↻' };

function actionsFor(job: JobView): ActionSpec[] {
  switch (job.state) {
    case 'queued':
    case 'running':
      return [PAUSE, CANCEL];
    case 'paused':
      return [RESUME, CANCEL];
    case 'failed':
    case 'cancelled':
      return [RETRY];
    default:
      return [];
  }
}

/** Paused and cancelled rows: JobStatus (shared with the page list) shows only live and final states. */
function HeldStatus({ job }: { job: JobView }) {
  if (job.state === 'cancelled') return <div class="status muted">Cancelled</div>;
  const f = progressFraction(job.progress);
  const pct = f === undefined ? 0 : Math.floor(f * 100);
  return (
    <div class="status paused">
      <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Download progress (paused)">
        <span style={{ width: `${pct}%` }} />
      </div>
      <span>Paused{f === undefined ? '' : ` · ${pct}%`}</span>
    </div>
  );
}

/** An upload's line: where it goes, then (once done) the badge with the link to the new page. */
function UploadLine({ job }: { job: JobView & { upload: UploadJobInfo } }) {
  const where = PLATFORM_NAMES[job.upload.platform];
  if (job.state !== 'done') return <div class="artist" dir="auto">Upload to {where} · {job.upload.fileName}</div>;
  return (
    <div class="artist upload-done">
      <span class="chip on badge" data-testid="upload-badge">On {where}</span>{' '}
      {job.upload.url ? <a href={job.upload.url} target="_blank" rel="noreferrer" data-testid="upload-link">{job.upload.url.replace(/^https:\/\/(www\.)?/, '')}</a> : null}
    </div>
  );
}

function JobRow({ job }: { job: JobView }) {
  const upload = isUploadJob(job) ? job : undefined;
  const name = upload ? upload.upload.fields.title || upload.upload.fileName : job.ref.title ?? job.trackKey;
  const art = upload ? undefined : shownTrack(job.ref).artworkUrl;
  return (
    <li class="item job" data-job={job.id} data-state={job.state} data-kind={job.kind ?? 'download'}>
      {art ? <img class="art" src={art} alt="" /> : <div class="art placeholder" aria-hidden="true" />}
      <div class="meta">
        <div class="title" dir="auto">{name}</div>
        {upload ? <UploadLine job={upload} /> : <div class="artist" dir="auto">{job.ref.artist ?? ''}</div>}
        {upload && job.state === 'done' ? null : job.state === 'paused' || job.state === 'cancelled' ? <HeldStatus job={job} /> : <JobStatus job={job} />}
        {upload && job.state === 'paused' ? <div class="status muted note">Resuming sends the file again from the beginning.</div> : null}
        {job.note ? <div class="status muted note" dir="auto" title={job.note}>{job.note}</div> : null}
      </div>
      <div class="actions">
        {actionsFor(job).map(({ action, verb, icon }) => (
          <button key={action} type="button" class="dl" data-action={verb.toLowerCase()} aria-label={`${verb} ${name}`} title={upload && action === 'job.pause' ? 'Pause (stops the upload; resuming starts it again)' : verb} onClick={() => void send(action, { jobId: job.id })}>
            {icon}
          </button>
        ))}
      </div>
    </li>
  );
}

export function QueueTab() {
  const list = [...jobs.value.values()].sort((a, b) => b.createdAt - a.createdAt);
  if (!list.length) return <p class="empty">Nothing in the queue yet. Downloads and uploads you start appear here.</p>;
  const pausable = list.some((j) => j.state === 'queued' || j.state === 'running');
  const resumable = list.some((j) => j.state === 'paused');
  return (
    <>
      {pausable || resumable ? (
        <div class="bar">
          <span class="muted">{list.length} in the queue</span>
          <span class="bar-actions">
            {pausable ? <button type="button" class="secondary" onClick={() => void send('jobs.pauseAll', {})}>Pause all</button> : null}
            {resumable ? <button type="button" class="secondary" onClick={() => void send('jobs.resumeAll', {})}>Resume all</button> : null}
          </span>
        </div>
      ) : null}
      <ul class="list" aria-label="Download queue">
        {list.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
    </>
  );
}
