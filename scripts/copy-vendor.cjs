// Copies the runtime files the browser fetches by URL (tfjs wasm binaries) into public/vendor.
// next.config.js calls it, so every way of running Next (dev, build, start) serves a complete app.
const { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

function copyVendor(root = process.cwd()) {
  const pkg = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm');
  const dest = join(root, 'public', 'vendor', 'tfjs-wasm');
  mkdirSync(dest, { recursive: true });
  // The binaries, and the threaded build's script unminified: its pthread workers load it by URL.
  const files = readdirSync(join(pkg, 'dist'))
    .filter((f) => f.endsWith('.wasm'))
    .map((f) => join(pkg, 'dist', f))
    .concat(join(pkg, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'));
  const copied = [];
  for (const from of files) {
    const f = from.slice(from.lastIndexOf('/') + 1);
    const to = join(dest, f);
    if (existsSync(to) && statSync(to).size === statSync(from).size) continue;
    copyFileSync(from, to);
    copied.push(f);
  }
  return copied;
}

module.exports = { copyVendor };
if (require.main === module) copyVendor();
