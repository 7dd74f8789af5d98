import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// The UI is served from files embedded in the app, so paths are relative and
// nothing is fetched from the network (strict CSP: everything is 'self').
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    // Never inline assets as data: URLs into CSS/JS beyond what CSP allows.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
