/** Node-only: the `mnist` package's 10,000 handwritten digits (about 1,000 per class) as uint8. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PIXELS } from '../../lib/demos/merge/dataset/dataset';

export function loadMnistDigit(digit: number): Uint8Array[] {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const { data } = JSON.parse(readFileSync(join(dir, `${digit}.json`), 'utf8')) as { data: number[] };
  const n = Math.floor(data.length / PIXELS);
  return Array.from({ length: n }, (_, i) => {
    const img = new Uint8Array(PIXELS);
    for (let p = 0; p < PIXELS; p++) img[p] = Math.round(255 * data[i * PIXELS + p]);
    return img;
  });
}
