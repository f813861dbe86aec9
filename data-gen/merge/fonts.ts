/** Node-only: @fontsource woff2 files registered with @napi-rs/canvas, and glyphs rendered with jitter. */
import { GlobalFonts } from '@napi-rs/canvas';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { drawGray } from './canvas-gray';
import { type Rng, uniform } from '../../lib/util/random';

export const FONT_FAMILIES = [
  'roboto', 'noto-serif', 'noto-sans', 'open-sans', 'lora', 'merriweather', 'fira-sans', 'eb-garamond',
  'jetbrains-mono', 'comfortaa', 'pt-serif', 'source-code-pro', 'ubuntu', 'caveat', 'inter',
];

/**
 * Fonts are split by family so test accuracy measures generalisation to unseen typefaces.
 * Validation and test draw from the same held-out families (different renders), so a coefficient
 * tuned on validation is tuned for the population the test measures; training never sees them.
 */
export const HELD_OUT_FONTS = ['ubuntu', 'noto-serif', 'inter'];
export const FONT_SPLITS = {
  test: HELD_OUT_FONTS,
  val: HELD_OUT_FONTS,
  train: FONT_FAMILIES.filter((f) => !HELD_OUT_FONTS.includes(f)),
};

export interface FontFace { family: string; subset: string; weight: number; style: string; key: string }

const registered = new Set<string>();
const require = createRequire(import.meta.url);

/** Faces of a family covering a unicode subset, weights 300-800 only (hairlines and blacks vanish or blob at 28 px). */
export function faces(family: string, subset: string): FontFace[] {
  const dir = join(dirname(require.resolve(`@fontsource/${family}/package.json`)), 'files');
  const re = new RegExp(`^${family}-${subset}-(\\d+)-(normal|italic)\\.woff2$`);
  const out: FontFace[] = [];
  for (const f of readdirSync(dir).sort()) {
    const m = re.exec(f);
    if (!m) continue;
    const weight = Number(m[1]);
    if (weight < 300 || weight > 800) continue;
    const key = `${family}-${subset}-${weight}-${m[2]}`;
    if (!registered.has(key)) {
      GlobalFonts.registerFromPath(join(dir, f), key);
      registered.add(key);
    }
    out.push({ family, subset, weight, style: m[2], key });
  }
  return out;
}

/** Faces for a list of families: every subset listed is registered so fallback never picks a system font. */
export function facesFor(families: string[], subset: string): FontFace[] {
  return families.flatMap((f) => faces(f, subset));
}

/** One glyph, centred by its ink bounding box, with random size, offset and slight rotation. */
export function drawGlyph(rng: Rng, face: FontFace, text: string): Uint8Array {
  const size = uniform(rng, 17, 24);
  const angle = uniform(rng, -0.15, 0.15);
  const dx = uniform(rng, -2.5, 2.5), dy = uniform(rng, -2.5, 2.5);
  return drawGray((g) => {
    g.font = `${size.toFixed(1)}px "${face.key}"`;
    const m = g.measureText(text);
    const w = m.actualBoundingBoxRight + m.actualBoundingBoxLeft;
    const h = m.actualBoundingBoxAscent + m.actualBoundingBoxDescent;
    g.translate(14 + dx, 14 + dy);
    g.rotate(angle);
    g.fillStyle = 'white';
    g.fillText(text, -w / 2 + m.actualBoundingBoxLeft, h / 2 - m.actualBoundingBoxDescent);
  });
}
