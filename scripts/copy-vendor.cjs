// Copies the runtime files the browser fetches by URL (tfjs wasm binaries) into public/vendor.
// next.config.js calls it, so every way of running Next (dev, build, start) serves a complete app.
const { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

function copyVendor(root = process.cwd()) {
  const src = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  const dest = join(root, 'public', 'vendor', 'tfjs-wasm');
  mkdirSync(dest, { recursive: true });
  const copied = [];
  for (const f of readdirSync(src).filter((f) => f.endsWith('.wasm'))) {
    const to = join(dest, f);
    if (existsSync(to) && statSync(to).size === statSync(join(src, f)).size) continue;
    copyFileSync(join(src, f), to);
    copied.push(f);
  }
  return copied;
}

module.exports = { copyVendor };
if (require.main === module) copyVendor();
