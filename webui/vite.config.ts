import { defineConfig } from 'vite';

// The hub serves the build (Quarkus Quinoa copies dist/ into the executable), so everything must be local:
// no CDN, no inlined data: URLs (the page's Content-Security-Policy allows only the hub's own origin).
export default defineConfig({
  build: {
    outDir: 'dist',
    target: 'es2022',
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
