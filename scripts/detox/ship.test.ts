import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDetoxFamily } from '../../lib/demos/detox/load-models';
import type { FetchLike } from '../../lib/manifest/load-manifest';
import { countParams, initWeights, type CharGptConfig } from '../../lib/models/char-gpt';
import { writeSafetensors } from '../../lib/tensors/safetensors';
import { makeCharTokenizer } from '../../lib/text/char-tokenizer';
import { DETOX_MODEL_CONFIG } from './recipe';
import { SHIP_BUDGET_BYTES, shipDetox } from './ship';

const files: FetchLike = async (url) => {
  const ok = existsSync(url);
  return { ok, status: ok ? 200 : 404, arrayBuffer: async () => new Uint8Array(readFileSync(url)).buffer };
};

/** A trained-models folder as npm run train:detox writes it (fp16 safetensors and manifest). */
function trainedFolder(cfg: CharGptConfig): string {
  const dir = mkdtempSync(join(tmpdir(), 'detox-trained-'));
  const manifestFiles: Record<string, { sha256: string; bytes: number }> = {};
  for (const [i, name] of ['base', 'toxic', 'benign'].entries()) {
    const bytes = writeSafetensors(initWeights(cfg, i), { dtype: 'F16' });
    writeFileSync(join(dir, `${name}.safetensors`), bytes);
    manifestFiles[`${name}.safetensors`] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ model: 'char-gpt', config: cfg, parameters: countParams(cfg), vocab: makeCharTokenizer().chars, files: manifestFiles }));
  return dir;
}

const words = { train: ['darn', 'heck'], heldout: ['drat', 'blast'] };

describe('ship:detox', () => {
  it('ships the v2-size models (fp16) under the 8 MB budget in a folder the page loads, and drops v1 eval.json', async () => {
    const cfg = { ...DETOX_MODEL_CONFIG, vocabSize: makeCharTokenizer().vocabSize };
    const to = mkdtempSync(join(tmpdir(), 'detox-ship-'));
    writeFileSync(join(to, 'eval.json'), '{}');
    const r = shipDetox({ from: trainedFolder(cfg), to, words, results: { status: 'measured' } });
    expect(r.bytes).toBeLessThan(SHIP_BUDGET_BYTES);
    expect(r.bytes).toBeGreaterThan(3 * 2 * countParams(cfg)); // three fp16 models
    expect(existsSync(join(to, 'eval.json'))).toBe(false);
    const family = await loadDetoxFamily(to, files);
    expect(family.manifest.config).toEqual(cfg);
    expect(family.manifest.livePrompts).toHaveLength(16);
    expect(family.matchers.heldout('drat')).toBe(true);
    expect(family.matchers.heldout('darn')).toBe(false);
  });

  it('refuses models that were not evaluated, and a folder over the budget', () => {
    const small = { vocabSize: 48, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 8 };
    const to = mkdtempSync(join(tmpdir(), 'detox-ship-'));
    expect(() => shipDetox({ from: trainedFolder(small), to, words, results: { status: 'not measured' } })).toThrow(/eval:detox/);
    expect(() => shipDetox({ from: trainedFolder(small), to: 'public/models/detox', words, results: { status: 'dry run' } })).toThrow(/eval:detox/);
    expect(shipDetox({ from: trainedFolder(small), to, words, results: { status: 'dry run' } }).files).toContain('manifest.json');
    const big = { vocabSize: 48, blockSize: 128, nLayer: 2, nHead: 4, nEmbd: 256 }; // 1.6M parameters: 9.6 MB as three fp16 models
    mkdirSync(to, { recursive: true });
    expect(() => shipDetox({ from: trainedFolder(big), to, words, results: { status: 'measured' } })).toThrow(/budget/);
  });
});
