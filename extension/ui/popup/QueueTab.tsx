/** The popup's queue: every job with its state and progress, and pause / resume / cancel / retry. */
import { progressFraction, type JobView } from '../../../shared/jobs';
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

function JobRow({ job }: { job: JobView }) {
  const name = job.ref.title ?? job.trackKey;
  const art = shownTrack(job.ref).artworkUrl;
  return (
    <li class="item job" data-job={job.id} data-state={job.state}>
      {art ? <img class="art" src={art} alt="" /> : <div class="art placeholder" aria-hidden="true" />}
      <div class="meta">
        <div class="title" dir="auto">{name}</div>
        <div class="artist" dir="auto">{job.ref.artist ?? ''}</div>
        {job.state === 'paused' || job.state === 'cancelled' ? <HeldStatus job={job} /> : <JobStatus job={job} />}
        {job.note ? <div class="status muted note" dir="auto">{job.note}</div> : null}
      </div>
      <div class="actions">
        {actionsFor(job).map(({ action, verb, icon }) => (
          <button key={action} type="button" class="dl" data-action={verb.toLowerCase()} aria-label={`${verb} ${name}`} title={verb} onClick={() => void send(action, { jobId: job.id })}>
            {icon}
          </button>
        ))}
      </div>
    </li>
  );
}

export function QueueTab() {
  const list = [...jobs.value.values()].sort((a, b) => b.createdAt - a.createdAt);
  if (!list.length) return <p class="empty">No downloads yet.</p>;
  const pausable = list.some((j) => j.state === 'queued' || j.state === 'running');
  const resumable = list.some((j) => j.state === 'paused');
  return (
    <>
      {pausable || resumable ? (
        <div class="bar">
          <span class="muted">{list.length} download{list.length === 1 ? '' : 's'}</span>
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
