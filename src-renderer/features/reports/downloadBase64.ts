/** Hands a file the core made (as base64) to the browser's download, under the core's file name. */
export function downloadBase64(file: { fileName: string; base64: string }, type: string): void {
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
