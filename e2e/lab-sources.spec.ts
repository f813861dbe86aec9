import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { parsePeftConfig, readPeftAdapter } from '../lib/lora/peft-adapter';
import { labLinkV1Schema } from '../lib/lab/lab-link';
import { readSafetensors } from '../lib/tensors/safetensors';
import { peftAdapterFiles } from '../lib/test-support/peft-adapters';
import { withLink } from '../lib/url-state/location';
import { gpt2Shaped, gpt2TensorShapes, virtualSafetensors } from '../scripts/sources/gpt2-shaped';
import { bytesFile, type ServedFile, startModelServer } from '../scripts/sources/model-server';
import { guardConsole } from './console-guard';

// A small GPT-2-shaped model (2 layers, width 32) sharded with an index, two PEFT adapters of it,
// and ways to fail (missing, no CORS, too big, a web page, a server that all but stalls), served by
// a local server with Range and CORS, on another origin. Four larger adapters (16 modules of width
// 2048 at rank 16) make a LoRA decomposition that takes seconds.
const SHAPE = { layers: 2, d: 32, vocab: 64, context: 16 };
const MODULES = ['h.0.attn.c_attn', 'h.0.mlp.c_fc', 'h.1.attn.c_attn', 'h.1.mlp.c_fc'];

function adapterFiles(dir: string, seed: number): [string, ServedFile][] {
  const outOf = (m: string) => (m.includes('c_attn') ? 3 * SHAPE.d : 4 * SHAPE.d);
  const { config, weights } = peftAdapterFiles({ modules: MODULES.map((m) => `transformer.${m}`), rank: 4, d: SHAPE.d, outOf, sharedRows: 2 }, seed);
  return [
    [`${dir}/adapter_config.json`, bytesFile(config)],
    [`${dir}/adapter_model.safetensors`, bytesFile(weights)],
  ];
}

const BIG = [0, 1, 2, 3];
const BIG_MODULES = Array.from({ length: 16 }, (_, i) => `transformer.h.${i >> 1}.${i % 2 ? 'mlp.c_fc' : 'attn.c_attn'}`);
function bigAdapter(k: number): [string, ServedFile][] {
  const { config, weights } = peftAdapterFiles({ modules: BIG_MODULES, rank: 16, d: 2048, sharedRows: 4 }, 10 + k);
  return [
    [`/big-lora-${k}/adapter_config.json`, bytesFile(config)],
    [`/big-lora-${k}/adapter_model.safetensors`, bytesFile(weights)],
  ];
}

const files = new Map<string, ServedFile>([
  ...BIG.flatMap(bigAdapter),
  ['/slow/model.safetensors', virtualSafetensors(gpt2TensorShapes(SHAPE), 5)],
  ['/owner/repo/blob/main/model.safetensors', bytesFile('<!DOCTYPE html><html><head><title>model.safetensors</title></head><body>a model card</body></html>')],
  ...gpt2Shaped(SHAPE, '/gpt2', 2),
  ...adapterFiles('/lora-a', 1),
  ...adapterFiles('/lora-b', 2),
  ['/nocors/model.safetensors', virtualSafetensors(gpt2TensorShapes(SHAPE), 3)],
  // 2.3 GB of float32 in one tensor: only its header is ever read.
  ['/huge/model.safetensors', virtualSafetensors([{ name: 'transformer.wte.weight', shape: [600_000, 1024] }], 4)],
]);
let server: Awaited<ReturnType<typeof startModelServer>>;
test.beforeAll(async () => {
  server = await startModelServer(files, { noCors: ['/nocors/'], html: ['/owner/repo/blob/'], trickle: { paths: ['/slow/'], bytes: 8, everyMs: 2000 } });
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
  await expect(base.getByTestId('file-progress').first()).toContainText(/([\d.]+ kB) \/ \1/);
  await expect(base.getByTestId('memory-estimate')).toContainText('largest tensor transformer.h.0.mlp.c_fc.weight 16.0 kB');

  for (const dir of ['lora-a', 'lora-b']) await loadUrl(page, 'task-files', `${server.url}/${dir}/`);
  for (const dir of ['lora-a', 'lora-b']) {
    await expect(card(page, dir)).toHaveAttribute('data-status', 'loaded');
    await expect(card(page, dir)).toContainText('peft LoRA, 4 modules');
  }
  // The engine worker reads through the tab's byte cache (Cache Storage), which the page reports.
  await expect(page.getByTestId('cache-size')).toHaveText(/^Download cache: [\d.]+ kB$/);

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
  // The edit's cards say which model each is: its folder and its place.
  await expect(page.getByTestId('edit-task')).toContainText(['1. lora-a', '2. lora-b']);

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

  // A version 1 link (coefficients per task, method and lambda) still opens, as the recipe it meant.
  const v1 = labLinkV1Schema.parse({ tasks: ['lora-a', 'lora-b'].map((d) => ({ kind: 'remote', ref: `${server.url}/${d}/` })), coefficients: [{ shared: 1, unique: 0.5 }, { shared: 0, unique: 1 }], method: 'negation', lambda: 0.7 });
  const old = await fresh.newPage();
  await old.goto(withLink(new URL('/lab', link), labLinkV1Schema, 1, v1).href);
  await expect(old.getByTestId('link-sources')).toContainText(`2 models from ${server.url}`);
  await old.getByTestId('open-link-sources').click();
  await expect(old.getByTestId('layer-table')).toContainText('transformer.h.1.mlp.c_fc');
  expect(await sharedDims(old)).toEqual(dims);
  await old.waitForFunction(() => location.hash.startsWith('#v=2&'));
  const hash = decodeURIComponent(new URL(old.url()).hash);
  expect(hash).toContain('"part":"unique","coefficient":0.5');
  expect(hash).toContain('method={"name":"negation","lambda":0.7}');
  await fresh.close();
});

test('a LoRA decomposition of 16 modules at rank 16 runs in the engine: the page answers while it computes', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  const guard = guardConsole(page);
  await page.goto('/lab');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  for (const k of BIG) await loadUrl(page, 'task-files', `${server.url}/big-lora-${k}/`);
  await expect(page.locator('[data-testid=source-card][data-status=loaded]')).toHaveCount(BIG.length, { timeout: 60_000 });
  await page.getByTestId('decompose').click();
  const running = page.getByRole('status').filter({ hasText: 'decomposing tensors' });
  await expect(running).toBeVisible();
  // Typing echoes at once while the modules are split: the Load button follows the text, which
  // only happens when the page's thread is free to run React. Each echo is timed by the test.
  const input = page.getByTestId('base-file-url');
  const load = page.getByTestId('base-file-load');
  const echoes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    await input.pressSequentially('hf:a/b', { delay: 0 });
    await expect(load).toBeEnabled({ timeout: 1_000 });
    await input.fill('');
    await expect(load).toBeDisabled({ timeout: 1_000 });
    echoes.push(Date.now() - t0);
  }
  await expect(running).toContainText(/decomposing tensors \d+\/16/); // all of it happened during the decomposition
  console.log(`echo round trips during the decomposition (ms): ${echoes.join(', ')}`);
  await expect(page.getByTestId('layer-table').getByTestId('shared-dim')).toHaveCount(16, { timeout: 120_000 });
  guard.expectClean();
});

test('every network step can be cancelled and stalls time out, naming the address', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  // 8 bytes every 2 s: reading the header would take days. Cancel is there while the header is read.
  await page.goto('/lab');
  await loadUrl(page, 'base-file', `${server.url}/slow/model.safetensors`);
  const slow = card(page, '/slow/');
  await expect(slow).toHaveAttribute('data-status', 'listing');
  await expect(slow.getByTestId('source-status')).toHaveText('reading the header…');
  await slow.getByTestId('source-cancel').click();
  await expect(slow).toHaveAttribute('data-status', 'cancelled');
  await expect(slow.getByRole('alert')).toHaveText('Cancelled: nothing of this model was kept.');

  // The stall timeout is a view setting of the link (30 s by default): at 1 s this server stalls.
  await page.goto('about:blank');
  await page.goto('/lab#v=2&view.stallSeconds=1');
  await loadUrl(page, 'base-file', `${server.url}/slow/model.safetensors`);
  await expect(card(page, '/slow/').getByRole('alert')).toContainText(`${server.url}/slow/model.safetensors stalled: no bytes arrived for 1 s`, { timeout: 20_000 });
  await expect(card(page, '/slow/')).toHaveAttribute('data-status', 'error');
});

test('a web page, an empty file and a hostile header say what they are, in human units, naming the file once', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  await page.goto('/lab');
  const blob = `${server.url}/owner/repo/blob/main/model.safetensors`;
  await loadUrl(page, 'task-files', blob);
  await expect(card(page, '/blob/').getByRole('alert')).toHaveText(
    `${blob} returned a web page, not a safetensors file: use the download address ${server.url}/owner/repo/resolve/main/model.safetensors instead`,
  );
  const hostile = new Uint8Array(16);
  new DataView(hostile.buffer).setBigUint64(0, 2n ** 62n, true);
  await page.getByTestId('task-files').setInputFiles([
    { name: 'empty.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
    { name: 'hostile.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(hostile) },
  ]);
  await expect(card(page, 'empty.safetensors').getByRole('alert')).toHaveText('empty.safetensors: the file is 0 bytes, shorter than the 8-byte header length');
  const told = card(page, 'hostile.safetensors').getByRole('alert');
  await expect(told).toContainText('hostile.safetensors: the header claims 4.0 EB, more than any real header (100.0 MB)');
  expect(await told.innerText()).not.toMatch(/e\+\d|\d{10}/);
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
