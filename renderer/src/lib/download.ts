/**
 * Saving text the backend produced (results, profiles) as a file, the browser way: a Blob and an
 * `<a download>`. Electron turns it into a save dialog; no file system access in the renderer.
 */

/** Offers text as a file download. */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
