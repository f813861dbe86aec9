// Copies the runtime files the browser fetches by URL (tfjs wasm binaries) into public/vendor.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const src = join('node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const dest = join('public', 'vendor', 'tfjs-wasm');
mkdirSync(dest, { recursive: true });
for (const f of readdirSync(src).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(src, f), join(dest, f));
