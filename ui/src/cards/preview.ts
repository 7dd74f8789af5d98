// Renders the ACTUAL generated PDF pages with pdf.js (worker bundled by Vite).
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/** pdf.js, loaded the first time a preview is drawn: it is most of the window's script, and
 * reading it at start held up Today. */
let loading: Promise<typeof import('pdfjs-dist')> | null = null;
function pdfjs(): Promise<typeof import('pdfjs-dist')> {
  loading ??= import('pdfjs-dist').then(
    (lib) => {
      lib.GlobalWorkerOptions.workerSrc = workerUrl;
      return lib;
    },
    (error: unknown) => {
      loading = null; // the next preview tries again
      throw error;
    },
  );
  return loading;
}

/** Draws up to `maxPages` pages of `bytes` into `host` as canvases; returns the page count. */
export async function renderPdf(host: HTMLElement, bytes: ArrayBuffer, maxPages = 12): Promise<number> {
  const doc = await (await pdfjs()).getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
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
