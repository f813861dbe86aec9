/** npm run data:style: renders the style demo's sets into data/style/ (deterministic; see data-gen/style/recipe.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeSet } from '../../lib/demos/style/dataset/dataset';
import { makeStyleSets, styleIcons } from '../../data-gen/style/make-sets';
import { STYLE_DATA } from '../../data-gen/style/recipe';

export function makeStyleData(dir = 'data/style'): void {
  const t0 = Date.now();
  const sets = makeStyleSets();
  for (const [name, set] of Object.entries(sets)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, `${name}.bin`), encodeSet(set));
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ recipe: STYLE_DATA, icons: styleIcons(), sets: Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, s.count])) }, null, 2));
  console.log(`style data: ${Object.keys(sets).length} sets in ${dir} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

if (process.argv[1]?.endsWith('make-data.ts')) makeStyleData();
