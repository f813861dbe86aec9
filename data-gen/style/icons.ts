/** Node-only: selects a narrow, simple set of tabler outline icons and reads their SVG text. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mulberry32 } from '../../lib/util/random';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('@tabler/icons/package.json'));

const svgCache = new Map<string, string>();
export function iconSvg(name: string): string {
  let s = svgCache.get(name);
  if (!s) {
    s = readFileSync(join(root, 'icons', 'outline', `${name}.svg`), 'utf8');
    svgCache.set(name, s);
  }
  return s;
}

/** Drawn elements of an icon, without tabler's invisible frame path. */
const drawn = (svg: string): string[] => (svg.match(/<(path|circle|rect|line|polyline|ellipse)\b[^>]*>/g) ?? []).filter((e) => !e.includes('stroke="none"'));

/**
 * "Simple" = at most two drawn elements with short path data: at 16 px only shapes like these
 * stay recognisable. Sorted, then a seeded shuffle, so the choice is reproducible.
 */
export function selectIcons(count: number, seed: number): string[] {
  const names: string[] = Object.values(JSON.parse(readFileSync(join(root, 'icons.json'), 'utf8')) as Record<string, { name: string; category: string }>)
    .filter((m) => m.category !== 'Letters' && m.category !== 'Numbers')
    .map((m) => m.name)
    .sort();
  const simple = names.filter((n) => {
    let svg: string;
    try {
      svg = iconSvg(n);
    } catch {
      return false;
    }
    const els = drawn(svg);
    const pathChars = els.reduce((a, e) => a + e.length, 0);
    return els.length >= 1 && els.length <= 2 && pathChars <= 110;
  });
  const rng = mulberry32(seed);
  for (let i = simple.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [simple[i], simple[j]] = [simple[j], simple[i]];
  }
  if (simple.length < count) throw new Error(`only ${simple.length} simple icons, need ${count}`);
  return simple.slice(0, count);
}
