// Copies the runtime files the browser fetches by URL into public/vendor: tfjs's wasm binaries, and
// onnxruntime-web's plain wasm build with a brotli copy beside it (2.3 MB instead of 3.7 MB gzipped:
// next.config.js sends it with Content-Encoding: br to browsers that accept br; Next's own
// compression only gzips). next.config.js calls this, so every way of running Next (dev, build,
// start) serves a complete app. The brotli copy costs ~45 s of CPU once per onnxruntime-web version.
const { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { brotliCompressSync, constants } = require('node:zlib');

/** The onnxruntime-web binary the wasm build loads (the WebGPU build's jsep binary is left to the bundler). */
const ORT_WASM = 'ort-wasm-simd-threaded.wasm';

function copyIfChanged(from, to) {
  if (existsSync(to) && statSync(to).size === statSync(from).size) return false;
  copyFileSync(from, to);
  return true;
}

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
    if (copyIfChanged(from, join(dest, f))) copied.push(f);
  }
  const ortDest = join(root, 'public', 'vendor', 'ort');
  mkdirSync(ortDest, { recursive: true });
  const ortFrom = join(root, 'node_modules', 'onnxruntime-web', 'dist', ORT_WASM);
  const brotli = join(ortDest, `${ORT_WASM}.br`);
  if (copyIfChanged(ortFrom, join(ortDest, ORT_WASM)) || !existsSync(brotli)) {
    const wasm = readFileSync(ortFrom);
    const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: wasm.length };
    writeFileSync(brotli, brotliCompressSync(wasm, { params }));
    copied.push(ORT_WASM, `${ORT_WASM}.br`);
  }
  return copied;
}

module.exports = { copyVendor, ORT_WASM };
if (require.main === module) copyVendor();
