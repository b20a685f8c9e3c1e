/** Saving a file the browser way: a Blob and a temporary link; nothing leaves the machine. */
import { slugOf } from '../scenario/slug.ts';

/** A file name from a scenario title: `Pod to a ClusterIP Service` → `pod-to-a-clusterip-service`. */
export function fileNameFor(title: string, extension: string): string {
  return `${slugOf(title) || 'scenario'}${extension}`;
}

/** Saves text or bytes (a picture, an animation) under `fileName`. */
export function downloadFile(content: BlobPart, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the Blob after click() returns; let them finish first.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
