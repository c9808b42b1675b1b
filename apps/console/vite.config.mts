import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = import.meta.dirname;
const repo = resolve(here, '../..');
const outDir = join(repo, 'dist', 'console');

/** Writes .br and .gz next to each script and stylesheet; the API serves them when the browser accepts them. */
function precompress(): Plugin {
  return {
    name: 'chanjiao-precompress',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const file of readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(file)) continue;
        const content = readFileSync(join(assets, file));
        writeFileSync(join(assets, `${file}.br`), brotliCompressSync(content));
        writeFileSync(join(assets, `${file}.gz`), gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), precompress()],
  resolve: {
    // The console shares pure rules with the API (credit-code check digit, …) by importing them.
    alias: [
      { find: /^@chanjiao\/consortia\/(.*)$/, replacement: join(repo, 'libs/consortia/src/$1') },
      { find: /^@chanjiao\/core\/(.*)$/, replacement: join(repo, 'libs/core/src/$1') },
      { find: /^@chanjiao\/indicators\/(.*)$/, replacement: join(repo, 'libs/indicators/src/$1') },
    ],
  },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    port: 5173,
    fs: { allow: [repo] },
    // `npm run console:dev` next to `npm start`: the API answers /api and /health.
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
});
