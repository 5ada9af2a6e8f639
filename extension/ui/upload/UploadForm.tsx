/** The upload form's fields for one platform, each with its error message next to it. */
import { useSignal, type Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { SC_LICENSES } from '../../platforms/soundcloud/upload';
import { MC_LIMITS } from '../../platforms/mixcloud/upload';
import { splitTags, type FieldErrors, type UploadFields, type UploadPlatform } from './model';

/** SoundCloud's license values as people read them (the value sent stays SoundCloud's). */
const LICENSE_NAMES: Record<(typeof SC_LICENSES)[number], string> = {
  'all-rights-reserved': 'All rights reserved',
  'no-rights-reserved': 'No rights reserved',
  'cc-by': 'CC BY (attribution)',
  'cc-by-nc': 'CC BY-NC (non-commercial)',
  'cc-by-nd': 'CC BY-ND (no derivatives)',
  'cc-by-sa': 'CC BY-SA (share alike)',
  'cc-by-nc-nd': 'CC BY-NC-ND (non-commercial, no derivatives)',
  'cc-by-nc-sa': 'CC BY-NC-SA (non-commercial, share alike)',
};

interface Props {
  platform: UploadPlatform;
  fields: Signal<UploadFields>;
  errors: FieldErrors;
  pro: boolean;
}

function Field({ id, label, error, hint, children }: { id: keyof FieldErrors; label: string; error?: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' invalid' : ''}`} data-field={id}>
      <label for={`f-${id}`}>{label}</label>
      {children}
      {hint && !error ? <p class="hint">{hint}</p> : null}
      {error ? <p class="field-error" id={`err-${id}`} data-testid={`error-${id}`} role="alert">{error}</p> : null}
    </div>
  );
}

export function UploadForm({ platform, fields, errors, pro }: Props) {
  const f = fields.value;
  const set = (patch: Partial<UploadFields>) => (fields.value = { ...fields.value, ...patch });
  // Tags are split when the field is left (a comma just typed must stay), so the text being typed
  // lives here until then: a re-render meanwhile (an upload's progress) must not put the old tags back.
  const tagsDraft = useSignal<string | null>(null);
  const text = (key: 'title' | 'genre' | 'label' | 'bpm' | 'key' | 'isrc', type = 'text') => (
    <input id={`f-${key}`} type={type} value={f[key]} aria-invalid={!!errors[key]} onInput={(e) => set({ [key]: e.currentTarget.value })} />
  );
  const sc = platform === 'soundcloud';
  return (
    <>
      <Field id="title" label={sc ? 'Title' : 'Name'} error={errors.title}>{text('title')}</Field>
      <Field id="description" label="Description" error={errors.description} hint={sc ? 'BPM and key are added at the end: SoundCloud has no fields for them.' : `Up to ${MC_LIMITS.descriptionChars} characters (${f.description.length}).`}>
        <textarea id="f-description" rows={4} value={f.description} aria-invalid={!!errors.description} onInput={(e) => set({ description: e.currentTarget.value })} />
      </Field>
      <div class="row">
        {sc ? <Field id="genre" label="Genre" error={errors.genre}>{text('genre')}</Field> : null}
        <Field id="tags" label="Tags" error={errors.tags} hint={sc ? 'Separated by commas.' : `Up to ${MC_LIMITS.tags}, separated by commas.`}>
          <input
            id="f-tags"
            type="text"
            value={tagsDraft.value ?? f.tags.join(', ')}
            aria-invalid={!!errors.tags}
            onInput={(e) => (tagsDraft.value = e.currentTarget.value)}
            onChange={(e) => {
              set({ tags: splitTags(e.currentTarget.value) });
              tagsDraft.value = null;
            }}
          />
        </Field>
      </div>
      <Field id="artwork" label={sc ? 'Artwork' : 'Picture'} error={errors.artwork} hint={f.artwork ? `${f.artworkName ?? 'From the file'} (${Math.round(f.artwork.size / 1024)} KB)` : 'From the file’s tags, or choose one.'}>
        <input id="f-artwork" type="file" accept="image/jpeg,image/png,image/gif" onChange={(e) => {
          const img = e.currentTarget.files?.[0];
          if (img) set({ artwork: img, artworkName: img.name });
        }} />
      </Field>
      {sc ? (
        <>
          <div class="row">
            <Field id="bpm" label="BPM" error={errors.bpm}>{text('bpm')}</Field>
            <Field id="key" label="Key" error={errors.key}>{text('key')}</Field>
            <Field id="releaseDate" label="Release date" error={errors.releaseDate}>
              <input id="f-releaseDate" type="date" value={f.releaseDate} onInput={(e) => set({ releaseDate: e.currentTarget.value })} />
            </Field>
          </div>
          <div class="row">
            <Field id="isrc" label="ISRC" error={errors.isrc}>{text('isrc')}</Field>
            <Field id="label" label="Label" error={errors.label}>{text('label')}</Field>
            <Field id="license" label="License" error={errors.license}>
              <select id="f-license" value={f.license} onChange={(e) => set({ license: e.currentTarget.value })}>
                {SC_LICENSES.map((l) => <option key={l} value={l}>{LICENSE_NAMES[l]}</option>)}
              </select>
            </Field>
          </div>
          <div class="checks">
            <label><input id="f-private" type="checkbox" checked={f.privacy === 'private'} onChange={(e) => set({ privacy: e.currentTarget.checked ? 'private' : 'public' })} /> Private</label>
            <label><input id="f-downloadable" type="checkbox" checked={f.downloadable} onChange={(e) => set({ downloadable: e.currentTarget.checked })} /> Downloadable</label>
            <label><input id="f-streamable" type="checkbox" checked={f.streamable} onChange={(e) => set({ streamable: e.currentTarget.checked })} /> Streamable</label>
          </div>
        </>
      ) : (
        <>
          <Field id="tracklist" label="Tracklist" error={errors.tracklist} hint="One per line: “12:30 Artist - Song”, or a chapter title. Filled from the file’s chapters.">
            <textarea id="f-tracklist" rows={6} value={f.tracklist} aria-invalid={!!errors.tracklist} onInput={(e) => set({ tracklist: e.currentTarget.value })} />
          </Field>
          <div class="checks">
            <label><input id="f-private" type="checkbox" checked={f.privacy === 'private'} onChange={(e) => set({ privacy: e.currentTarget.checked ? 'private' : 'public' })} /> Unlisted</label>
          </div>
          <fieldset class={pro ? '' : 'pro-off'} disabled={!pro}>
            <legend>Pro options {pro ? '' : '(need Mixcloud Pro)'}</legend>
            <Field id="publishDate" label="Publish at" error={errors.publishDate}>
              <input id="f-publishDate" type="datetime-local" value={f.publishDate} onInput={(e) => set({ publishDate: e.currentTarget.value })} />
            </Field>
            <div class="checks">
              <label><input id="f-disableComments" type="checkbox" checked={f.disableComments} onChange={(e) => set({ disableComments: e.currentTarget.checked })} /> Disable comments</label>
              <label><input id="f-hideStats" type="checkbox" checked={f.hideStats} onChange={(e) => set({ hideStats: e.currentTarget.checked })} /> Hide stats</label>
            </div>
          </fieldset>
        </>
      )}
    </>
  );
}
