// The dark-mode session: the book of 90-accessibility, and the window started with GTK's dark
// theme. WebKitGTK answers `prefers-color-scheme: dark` when the GTK theme is dark (GTK_THEME
// with a ":dark" variant, or a theme named "-dark"), as it does under a desktop in dark mode.
// @ts-check
export { ready, seed } from './90-accessibility.seed.mjs';

export const appEnv = { GTK_THEME: 'Adwaita:dark' };
