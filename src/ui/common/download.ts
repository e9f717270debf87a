/** Save in-memory data as files through anchor downloads with Blob URLs. */

export interface DownloadFile {
  name: string;
  data: BlobPart;
  type: string;
}

/** Trigger one download per file (in order); the Blob URLs are revoked once the browser has taken them. */
export async function downloadFiles(files: readonly DownloadFile[]): Promise<void> {
  for (const f of files) {
    const url = URL.createObjectURL(new Blob([f.data], { type: f.type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = f.name;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    // Browsers may drop downloads fired in the same task; give each its own turn.
    await new Promise((r) => setTimeout(r, 150));
  }
}
