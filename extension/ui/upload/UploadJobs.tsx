/**
 * Upload jobs from the shared queue (this page's and any other): byte progress, pause (which stops
 * the request: resuming starts it again), cancel, retry, and once done the "On SoundCloud" badge
 * with a link to the new page.
 */
import { describeError } from '../../../shared/errors';
import type { JobView, UploadJobInfo } from '../../../shared/jobs';
import type { RequestType } from '../../../shared/messages';
import { PLATFORM_NAMES } from '../../../shared/platform';
import { send } from '../../core/messaging';

type UploadJobView = JobView & { upload: UploadJobInfo };
type JobAction = Extract<RequestType, 'job.pause' | 'job.resume' | 'job.cancel' | 'job.retry'>;

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

function Action({ job, action, label, hint }: { job: UploadJobView; action: JobAction; label: string; hint?: string }) {
  return (
    <button type="button" class="secondary" data-testid={`upload-${label.toLowerCase()}`} title={hint} onClick={() => void send(action, { jobId: job.id })}>
      {label}
    </button>
  );
}

const PAUSE_HINT = 'Stops the upload; resuming sends the file again from the beginning.';

function JobLine({ job }: { job: UploadJobView }) {
  const sent = job.progress?.bytes ?? 0;
  const total = job.progress?.totalBytes ?? job.upload.fileSize;
  switch (job.state) {
    case 'queued':
      return <><span class="muted">Queued</span><Action job={job} action="job.pause" label="Pause" hint={PAUSE_HINT} /><Action job={job} action="job.cancel" label="Cancel" /></>;
    case 'running':
      return (
        <>
          <span data-testid="upload-progress">{mb(sent)} of {mb(total)}</span>
          <Action job={job} action="job.pause" label="Pause" hint={PAUSE_HINT} />
          <Action job={job} action="job.cancel" label="Cancel" />
        </>
      );
    case 'paused':
      return <><span class="muted">Paused: resuming sends the file again from the beginning.</span><Action job={job} action="job.resume" label="Resume" /><Action job={job} action="job.cancel" label="Cancel" /></>;
    case 'done':
      return (
        <span class="ok">
          <span class="badge" data-testid="upload-badge">On {PLATFORM_NAMES[job.upload.platform]}</span>{' '}
          {job.upload.url ? <a href={job.upload.url} target="_blank" rel="noreferrer" data-testid="upload-link">{job.upload.url}</a> : 'Uploaded.'}
        </span>
      );
    default:
      return (
        <>
          <span class="warn" data-testid="upload-error">{job.error ? `${describeError(job.error.code).title}: ${job.error.message}` : 'Cancelled.'}</span>
          <Action job={job} action="job.retry" label="Retry" />
        </>
      );
  }
}

export function UploadJobs({ jobs }: { jobs: UploadJobView[] }) {
  if (!jobs.length) return null;
  return (
    <section aria-labelledby="jobs-h">
      <h2 id="jobs-h">Uploads</h2>
      <ul class="jobs">
        {jobs.map((j) => (
          <li key={j.id} class={`job ${j.state}`} data-testid="upload-job" data-job={j.id} data-state={j.state}>
            <div class="job-title">
              <strong>{j.upload.fields.title}</strong> <span class="muted">{j.upload.fileName} · {j.upload.source === 'library' ? 'from the library (native host)' : 'from this browser'}</span>
            </div>
            <progress max={j.progress?.totalBytes || j.upload.fileSize || 1} value={j.state === 'done' ? j.progress?.totalBytes ?? j.upload.fileSize : j.progress?.bytes ?? 0} aria-label={`Upload progress of ${j.upload.fields.title}`} />
            <div class="job-line"><JobLine job={j} /></div>
          </li>
        ))}
      </ul>
    </section>
  );
}
