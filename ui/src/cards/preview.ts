// Renders the ACTUAL generated PDF pages with pdf.js (worker bundled by Vite).
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** Draws up to `maxPages` pages of `bytes` into `host` as canvases; returns the page count. */
export async function renderPdf(host: HTMLElement, bytes: ArrayBuffer, maxPages = 12): Promise<number> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  host.replaceChildren();
  for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1.2 });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.className = 'pdf-page';
    canvas.dataset.testid = 'preview-page';
    host.append(canvas);
    await page.render({ canvas, viewport }).promise;
  }
  return doc.numPages;
}
