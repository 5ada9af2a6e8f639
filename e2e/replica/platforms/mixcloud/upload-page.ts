/**
 * www.mixcloud.com/upload/ as the site shows it: the "Upload" heading and the file chooser in
 * Mixcloud's look, for the extension's "Upload with Deckhand" entry point. Uploads themselves go
 * to the replica's API (upload.ts), not through this page.
 */
export function uploadPageHtml(): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Upload | Mixcloud</title>
<style>body{margin:0;font:14px/1.5 "Open Sans","Helvetica Neue",Arial,sans-serif;color:#02061c;background:#f5f5f7}
header{height:60px;background:#fff;border-bottom:1px solid #e6e6eb;display:flex;align-items:center;padding:0 24px;font-weight:700;font-size:20px}
main{max-width:880px;margin:40px auto;background:#fff;border-radius:8px;padding:32px}
.upload-drop{border:2px dashed #d9d9de;border-radius:8px;padding:48px;text-align:center}
.upload-drop button{background:#5000ff;color:#fff;border:0;border-radius:20px;padding:10px 24px;font-weight:600}</style></head>
<body><header>Mixcloud</header><main data-testid="mc-upload-page"><h1>Upload</h1>
<div class="upload-drop"><p>Drag and drop your audio file here</p><button type="button">Choose file</button></div></main></body></html>`;
}
