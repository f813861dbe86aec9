// npm run pack:models [folder ...] (default: every public/models/<demo>, and public/data/merge):
// writes each listed binary file's packed form (lib/manifest/delta-pack.ts) beside it as
// <file>.packed and records it in the manifest (or the merge data's index.json), so the pages fetch
// fewer bytes. The ship scripts call packModelFolder after writing a folder, data:merge calls
// packDataIndex. Lossless: a packed file decodes to the plain file's bytes
// (scripts/checks/packed-models.test.ts).
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { constants, deflateRawSync } from 'node:zlib';
import { type Deflate, pack as packWith } from '../lib/manifest/delta-pack';
import { type Manifest, manifestSchema } from '../lib/manifest/manifest-schema';
import type { DataIndex } from '../lib/demos/merge/dataset/dataset';

const zlibDeflate: Deflate = (plain) => deflateRawSync(plain, { level: 9, memLevel: 9, strategy: constants.Z_DEFAULT_STRATEGY });
const pack = (target: Uint8Array, reference: Uint8Array | null = null) => packWith(target, reference, zlibDeflate);

type PackReport = { file: string; bytes: number; packed: number; against?: string }[];

/** The file fine-tunes are packed against: the manifest's `base`, else base.safetensors when listed. */
function baseOf(manifest: Manifest & { base?: unknown }): string | null {
  if (typeof manifest.base === 'string' && manifest.files[manifest.base]) return manifest.base;
  return manifest.files['base.safetensors'] ? 'base.safetensors' : null;
}

/** Packs every listed file that the server would send uncompressed (JSON it compresses itself). */
export function packModelFolder(dir: string): PackReport {
  const path = join(dir, 'manifest.json');
  const text = readFileSync(path, 'utf8');
  const manifest = manifestSchema.parse(JSON.parse(text)) as Manifest & { base?: unknown };
  const base = baseOf(manifest);
  const baseBytes = base ? new Uint8Array(readFileSync(join(dir, base))) : null;
  for (const stale of readdirSync(dir).filter((f) => f.endsWith('.packed'))) rmSync(join(dir, stale));
  const report: PackReport = [];
  for (const [file, entry] of Object.entries(manifest.files)) {
    delete entry.packed;
    if (file.endsWith('.json')) continue;
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    const alone = pack(bytes);
    const against = baseBytes && file !== base && file.endsWith('.safetensors') ? pack(bytes, baseBytes) : null;
    const best = against && against.length < alone.length ? against : alone;
    if (best.length >= bytes.length) continue;
    const packedFile = `${file}.packed`;
    writeFileSync(join(dir, packedFile), best);
    entry.packed = { file: packedFile, bytes: best.length, ...(best === against ? { against: base! } : {}) };
    report.push({ file, bytes: bytes.length, packed: best.length, ...(best === against ? { against: base! } : {}) });
  }
  // Keep the manifest's own indentation (the ship scripts differ), and every other field as it was.
  const indent = /^\{\n( +)"/.exec(text)?.[1].length ?? 2;
  const raw = JSON.parse(text) as { files: Record<string, unknown> };
  raw.files = manifest.files;
  writeFileSync(path, `${JSON.stringify(raw, null, indent)}\n`);
  return report;
}

/** Packs every split file an image-set index (public/data/merge/index.json) lists; its entries get `packed` with the plain file's sha256. */
export function packDataIndex(dir: string): PackReport {
  const path = join(dir, 'index.json');
  const index = JSON.parse(readFileSync(path, 'utf8')) as DataIndex;
  for (const stale of readdirSync(dir).filter((f) => f.endsWith('.packed'))) rmSync(join(dir, stale));
  const report: PackReport = [];
  for (const info of index.tasks.flatMap((t) => Object.values(t.files))) {
    delete info.packed;
    const bytes = readFileSync(join(dir, info.file));
    const packed = pack(new Uint8Array(bytes));
    if (packed.length >= bytes.length) continue;
    writeFileSync(join(dir, `${info.file}.packed`), packed);
    info.packed = { file: `${info.file}.packed`, bytes: packed.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    report.push({ file: info.file, bytes: bytes.length, packed: packed.length });
  }
  writeFileSync(path, `${JSON.stringify(index, null, 2)}\n`);
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const dirs = args.length ? args : [...readdirSync('public/models').map((d) => join('public/models', d)), 'public/data/merge'];
  for (const dir of dirs) {
    const report = existsSync(join(dir, 'manifest.json')) ? packModelFolder(dir) : packDataIndex(dir);
    const [plain, packed] = report.reduce(([a, b], r) => [a + r.bytes, b + r.packed], [0, 0]);
    console.log(`${dir}: ${report.length} files packed, ${plain} -> ${packed} bytes (${((100 * packed) / Math.max(1, plain)).toFixed(1)}%)`);
    for (const r of report) console.log(`  ${r.file}: ${r.bytes} -> ${r.packed}${r.against ? ` against ${r.against}` : ''}`);
  }
}
