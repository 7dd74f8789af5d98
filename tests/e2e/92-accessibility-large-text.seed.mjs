// The larger-text session: the book of 90-accessibility, and the window started with GTK's text
// scaled by 1.25 — what GNOME's "Large Text" setting does (text-scaling-factor 1.25, seen by GTK
// as a larger font DPI). WebKitGTK then zooms the page by the same factor.
// @ts-check
export { ready, seed } from './90-accessibility.seed.mjs';

export const TEXT_SCALE = 1.25;
export const appEnv = { GDK_DPI_SCALE: String(TEXT_SCALE) };
