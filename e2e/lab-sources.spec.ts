import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { parsePeftConfig, readPeftAdapter } from '../lib/lora/peft-adapter';
import { readSafetensors, writeSafetensors } from '../lib/tensors/safetensors';
import { gaussian, mulberry32 } from '../lib/util/random';
import { gpt2Shaped, gpt2TensorShapes, virtualSafetensors } from '../scripts/sources/gpt2-shaped';
import { bytesFile, type ServedFile, startModelServer } from '../scripts/sources/model-server';
import { guardConsole } from './console-guard';

// A small GPT-2-shaped model (2 layers, width 32) sharded with an index, two PEFT adapters of it,
// and three ways to fail, served by a local server with Range and CORS, on another origin.
const SHAPE = { layers: 2, d: 32, vocab: 64, context: 16 };
const MODULES = ['h.0.attn.c_attn', 'h.0.mlp.c_fc', 'h.1.attn.c_attn', 'h.1.mlp.c_fc'];

function adapterFiles(dir: string, seed: number): [string, ServedFile][] {
  const g = gaussian(mulberry32(seed));
  // With fan_in_fan_out the stored weight is (B A)^T, whose column space lies in span(A^T): two rows
  // of A common to both adapters are the directions they share.
  const common = gaussian(mulberry32(99));
  const shared = Object.fromEntries(MODULES.map((m) => [m, Float32Array.from({ length: 2 * SHAPE.d }, common)]));
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const m of MODULES) {
    const out = m.includes('c_attn') ? 3 * SHAPE.d : 4 * SHAPE.d;
    tensors[`base_model.model.transformer.${m}.lora_A.weight`] = { shape: [4, SHAPE.d], data: Float32Array.from({ length: 4 * SHAPE.d }, (_, i) => (i < 2 * SHAPE.d ? 3 * shared[m][i] : g())) };
    tensors[`base_model.model.transformer.${m}.lora_B.weight`] = { shape: [out, 4], data: Float32Array.from({ length: out * 4 }, g) };
  }
  return [
    [`${dir}/adapter_config.json`, bytesFile(JSON.stringify({ peft_type: 'LORA', r: 4, lora_alpha: 8, fan_in_fan_out: true, target_modules: ['c_attn', 'c_fc'] }))],
    [`${dir}/adapter_model.safetensors`, bytesFile(writeSafetensors({ tensors }))],
  ];
}

const files = new Map<string, ServedFile>([
  ...gpt2Shaped(SHAPE, '/gpt2', 2),
  ...adapterFiles('/lora-a', 1),
  ...adapterFiles('/lora-b', 2),
  ['/nocors/model.safetensors', virtualSafetensors(gpt2TensorShapes(SHAPE), 3)],
  // 2.3 GB of float32 in one tensor: only its header is ever read.
  ['/huge/model.safetensors', virtualSafetensors([{ name: 'transformer.wte.weight', shape: [600_000, 1024] }], 4)],
]);
let server: Awaited<ReturnType<typeof startModelServer>>;
test.beforeAll(async () => {
  server = await startModelServer(files, { noCors: ['/nocors/'] });
});
test.afterAll(() => server?.close());

const loadUrl = async (page: Page, input: 'base-file' | 'task-files', url: string) => {
  await page.getByTestId(`${input}-url`).fill(url);
  await page.getByTestId(`${input}-load`).click();
};
const card = (page: Page, name: string) => page.getByTestId('source-card').filter({ hasText: name });
const sharedDims = (page: Page) => page.getByTestId('layer-table').getByTestId('shared-dim').allInnerTexts();

test('models by URL: header preview, progress, errors that lose nothing, LoRA decomposition, export, and the link', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  const guard = guardConsole(page, [/CORS policy/, /Failed to load resource/, /ERR_FAILED/]);
  await page.goto('/lab');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');

  await loadUrl(page, 'base-file', `${server.url}/gpt2/`);
  const base = card(page, '/gpt2/');
  await expect(base.getByTestId('header-summary')).toContainText('28 tensors');
  await expect(base.getByTestId('header-summary')).toContainText('sharded, 2 shards');
  await expect(base).toHaveAttribute('data-status', 'loaded');
  await expect(base.getByTestId('file-progress')).toHaveCount(2);
  await expect(base.getByTestId('file-progress').first()).toContainText(/(\d+) kB \/ \1 kB/);
  await expect(base.getByTestId('memory-estimate')).toContainText('largest tensor transformer.h.0.mlp.c_fc.weight 16.0 kB');

  for (const dir of ['lora-a', 'lora-b']) await loadUrl(page, 'task-files', `${server.url}/${dir}/`);
  for (const dir of ['lora-a', 'lora-b']) {
    await expect(card(page, dir)).toHaveAttribute('data-status', 'loaded');
    await expect(card(page, dir)).toContainText('peft LoRA, 4 modules');
  }

  // Three failures, each with its message; everything already loaded stays loaded.
  await loadUrl(page, 'task-files', `${server.url}/missing/model.safetensors`);
  await expect(card(page, '/missing/').getByRole('alert')).toContainText('was not found (HTTP 404): check the repo id, the revision and the file name');
  await loadUrl(page, 'task-files', `${server.url}/nocors/model.safetensors`);
  await expect(card(page, '/nocors/').getByRole('alert')).toContainText('does not allow this page to read it (CORS)');
  await loadUrl(page, 'task-files', `${server.url}/huge/model.safetensors`);
  await expect(card(page, '/huge/').getByRole('alert')).toContainText(/This will not fit: tensor transformer.wte.weight needs 2.3 GB as float32/);
  await expect(card(page, '/huge/').getByTestId('header-summary')).toContainText('1 tensors');
  await expect(page.locator('[data-testid=source-card][data-status=loaded]')).toHaveCount(3);
  for (const bad of ['/missing/', '/nocors/', '/huge/']) await card(page, bad).getByRole('button', { name: 'remove' }).click();

  await page.getByTestId('decompose').click();
  await expect(page.getByTestId('layer-table')).toContainText('transformer.h.0.attn.c_attn');
  const dims = await sharedDims(page);
  expect(dims).toHaveLength(4);
  expect(dims.every((d) => Number(d) >= 1)).toBe(true); // the adapters were built sharing two directions
  await expect(page.getByTestId('shared-vs-chance')).toContainText('random subspaces of the same ranks');
  await expect(page.getByTestId('cosine-matrix')).toContainText('1.00');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-lora').click()]);
  expect(download.suggestedFilename()).toBe('lab-edit-peft.zip');
  const zip = unzipSync(readFileSync(await download.path()));
  const config = parsePeftConfig(new TextDecoder().decode(zip['lab-edit/adapter_config.json']));
  const adapter = readPeftAdapter(readSafetensors(zip['lab-edit/adapter_model.safetensors']), config);
  expect(adapter.modules.map((m) => m.factors.B.cols)).toEqual([16, 16, 16, 16]); // 2 tasks x (shared + unique) x rank 4
  expect(config.fan_in_fan_out).toBe(true);

  // The link reopens the same models and the same numbers in a fresh browser context.
  await page.waitForFunction(() => location.hash.includes('s='));
  await page.waitForTimeout(300);
  const link = page.url();
  guard.expectClean();
  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await again.goto(link);
  await expect(again.getByTestId('link-sources')).toContainText(`3 models from ${server.url}`);
  await again.getByTestId('open-link-sources').click();
  await expect(again.getByTestId('layer-table')).toContainText('transformer.h.1.mlp.c_fc');
  expect(await sharedDims(again)).toEqual(dims);
  await again.screenshot({ path: info.outputPath('lab-sources.png'), fullPage: true });
  await fresh.close();
});

test('try it: the shipped models load through the URL path and decompose', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  const guard = guardConsole(page);
  await page.goto('/lab');
  await page.getByTestId('try-it').click();
  await expect(page.locator('[data-testid=source-card][data-status=loaded]')).toHaveCount(4);
  await expect(page.getByTestId('layer-table')).toBeVisible();
  await expect(page.getByTestId('layer-insight')).toBeVisible();
  guard.expectClean();
});
