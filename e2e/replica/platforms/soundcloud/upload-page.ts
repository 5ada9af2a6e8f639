/**
 * soundcloud.com/upload as the site shows it to a signed-in user: the drop zone and the "choose
 * files" button inside the usual layout. Enough for the extension's "Upload with Deckhand" entry
 * point; the replica stores uploads through the official API (official-api.ts), not this page.
 */
export function uploadPageContent(): { title: string; description: string; main: string } {
  return {
    title: 'Upload your audio files | SoundCloud',
    description: 'Upload your tracks to SoundCloud.',
    main: `<div class="l-container uploadMain" data-testid="sc-upload-page">
<div class="uploadMain__tabs"><a class="uploadMain__tab active" href="/upload">Upload</a><a class="uploadMain__tab" href="/you/tracks">Your tracks</a></div>
<div class="uploadMain__chooser sc-border-light"><h1 class="sc-type-h1">Drag and drop your tracks &amp; albums here</h1>
<button type="button" class="sc-button sc-button-cta sc-button-large chooseFiles__button">or choose files to upload</button>
<p class="sc-type-small">Provide FLAC, WAV, ALAC, or AIFF for highest audio quality.</p></div></div>`,
  };
}
