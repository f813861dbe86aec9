// Cross-origin isolation (COOP + COEP) lets wasm use threads; the CSP allows what the app needs:
// its own scripts and workers, wasm compilation, and nothing from elsewhere, except that /lab may
// read models from where a user points it: any https host (a hub or a mirror) and http servers on
// this machine. Nothing is fetched unless the user gives the address.
const { realpathSync } = require('node:fs');
const { dirname, relative } = require('node:path');
const { copyVendor, ORT_WASM } = require('./scripts/copy-vendor.cjs');

// A checkout whose node_modules links to another checkout's (a git worktree) builds only when
// Turbopack's root contains both: their common parent.
function turbopackRoot(dir) {
  let root = dir;
  const modules = dirname(realpathSync(`${dir}/node_modules`));
  while (relative(root, modules).startsWith('..')) root = dirname(root);
  return root === dir ? undefined : root;
}

// `next build`, `next start` and `next dev` all load this file: the wasm binaries are always in place.
copyVendor(__dirname);

const isDev = process.env.NODE_ENV !== 'production';

const csp = [
  "default-src 'self'",
  // Next inlines its bootstrap scripts; wasm needs 'wasm-unsafe-eval'; the dev server needs eval.
  `script-src 'self' blob: 'unsafe-inline' 'wasm-unsafe-eval'${isDev ? " 'unsafe-eval'" : ''}`,
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self' blob: data: https: http://localhost:* http://127.0.0.1:*${isDev ? ' ws:' : ''}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// onnxruntime's wasm binary as brotli (scripts/copy-vendor.cjs made it) to a browser that accepts br:
// 1.4 MB fewer than the gzip Next would send. Others get the plain file, gzipped.
const ortWasm = `/vendor/ort/${ORT_WASM}`;
const acceptsBrotli = [{ type: 'header', key: 'accept-encoding', value: '.*\\bbr\\b.*' }];

/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Types are checked once, by `npm test` (tsc --noEmit), not again inside every build.
  typescript: { ignoreBuildErrors: true },
  ...(turbopackRoot(__dirname) ? { turbopack: { root: turbopackRoot(__dirname) } } : {}),
  async rewrites() {
    return { beforeFiles: [{ source: ortWasm, has: acceptsBrotli, destination: `${ortWasm}.br` }] };
  },
  async headers() {
    return [
      { source: ortWasm, headers: [{ key: 'Vary', value: 'Accept-Encoding' }] },
      {
        source: ortWasm,
        has: acceptsBrotli,
        headers: [
          { key: 'Content-Encoding', value: 'br' },
          { key: 'Content-Type', value: 'application/wasm' },
        ],
      },
      {
        source: '/:path*',
        headers: [
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
          { key: 'Content-Security-Policy', value: csp },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
    ];
  },
};
