/** Browser-only file helpers: no Node APIs (the renderer runs sandboxed). */
import { base64ToBytes, bytesToBase64 } from './base64.ts';

export interface ChosenFile {
  fileName: string;
  contentBase64: string;
  size: number;
}

/** Reads a picked file as an ArrayBuffer (FileReader) and returns it base64-encoded. */
export function readFileAsBase64(file: File): Promise<ChosenFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.onload = () => {
      const result = reader.result;
      if (!(result instanceof ArrayBuffer)) return reject(new Error('The file could not be read.'));
      resolve({
        fileName: file.name,
        contentBase64: bytesToBase64(new Uint8Array(result)),
        size: file.size,
      });
    };
    reader.readAsArrayBuffer(file);
  });
}

export interface DownloadableFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

/** Saves a file from the core: base64 → Blob → object URL → a temporary <a download> click. */
export function saveFile({ fileName, mimeType, contentBase64 }: DownloadableFile): void {
  const blob = new Blob([base64ToBytes(contentBase64)], {
    type: mimeType || 'application/octet-stream',
  });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
