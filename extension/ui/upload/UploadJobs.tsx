/** Upload jobs of this page: byte progress, cancel, retry, and the new page's link when done. */
import { PLATFORM_NAMES } from '../../../shared/platform';
import type { UploadFields, UploadPlatform } from './model';

export interface UploadJob {
  id: string;
  platform: UploadPlatform;
  fileName: string;
  title: string;
  sent: number;
  total: number;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  url?: string;
  error?: string | undefined;
  controller?: AbortController;
  file: File;
  fields: UploadFields;
  pro: boolean;
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export function UploadJobs({ jobs, onCancel, onRetry }: { jobs: UploadJob[]; onCancel: (j: UploadJob) => void; onRetry: (j: UploadJob) => void }) {
  if (!jobs.length) return null;
  return (
    <section aria-labelledby="jobs-h">
      <h2 id="jobs-h">Uploads</h2>
      <ul class="jobs">
        {jobs.map((j) => (
          <li key={j.id} class={`job ${j.state}`} data-testid="upload-job" data-state={j.state}>
            <div class="job-title"><strong>{j.title}</strong> <span class="muted">{j.fileName}</span></div>
            <progress max={j.total || 1} value={j.state === 'done' ? j.total : j.sent} />
            <div class="job-line">
              {j.state === 'running' ? (
                <>
                  <span data-testid="upload-progress">{mb(j.sent)} of {mb(j.total)}</span>
                  <button type="button" class="secondary" onClick={() => onCancel(j)}>Cancel</button>
                </>
              ) : j.state === 'done' ? (
                <span class="ok">
                  <span class="badge" data-testid="upload-badge">On {PLATFORM_NAMES[j.platform]}</span>{' '}
                  {j.url ? <a href={j.url} target="_blank" rel="noreferrer" data-testid="upload-link">{j.url}</a> : 'Uploaded.'}
                </span>
              ) : (
                <>
                  <span class="warn" data-testid="upload-error">{j.error ?? 'Cancelled.'}</span>
                  <button type="button" class="secondary" data-testid="upload-retry" onClick={() => onRetry(j)}>Retry</button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
