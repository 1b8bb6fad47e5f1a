import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// Vite's config loader provides import.meta.dirname; no Node import needed here.
const root = import.meta.dirname;

/**
 * The dev server injects inline scripts/styles (HMR, React refresh) that the production CSP
 * forbids; drop the CSP meta only while serving so the shipped HTML stays strict.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'partner-desk:dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), tailwindcss(), devWithoutCsp()],
  build: {
    outDir: '../dist/renderer', // relative to root
    emptyOutDir: true,
    // Keep every asset a file: data: URIs for scripts would break the CSP.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { strictPort: false },
});
