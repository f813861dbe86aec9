/**
 * npm run bench:style: how long the /style page takes to re-render 16 samples on wasm, through the
 * page's own demo lab (recipes, engine, ONNX denoiser) in Node with onnxruntime-web's wasm build,
 * single-threaded like a page without cross-origin isolation. Reports wall and CPU time, since the
 * machine may be shared: CPU time is what a free core would take.
 */
import * as ort from 'onnxruntime-web';
import { LabEngine } from '../../lib/engine/lab-engine';
import { DemoLab } from '../../lib/demo/demo-lab';
import { OrtRuntime } from '../../lib/runtime/ort-runtime';
import type { OrtModule } from '../../lib/runtime/ort-types';
import { styleDemo } from '../../lib/demos/style/style-demo';
import { defaultStyleState, type StyleState } from '../../lib/demos/style/style-state';
import { fileFetch } from './node-family';

const runs = Number(process.argv.includes('--runs') ? process.argv[process.argv.indexOf('--runs') + 1] : '3');

async function timed(f: () => Promise<unknown>) {
  const t0 = performance.now(), c0 = process.cpuUsage();
  await f();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

async function main() {
  const engine = new LabEngine();
  await engine.init('wasm');
  const ortLoader = async () => new OrtRuntime(ort as unknown as OrtModule, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const lab = new DemoLab({ engine, ort: ortLoader, urls: { models: 'public/models/style' }, fetch: fileFetch }, { style: styleDemo }).typed(styleDemo);
  const info = await lab.load();
  const state: StyleState = { ...defaultStyleState(), steps: info.defaults.steps, guidance: info.defaults.guidance, samples: 16 };
  const first = await timed(() => lab.evaluate(state));
  const slider: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < runs; r++) slider.push(await timed(() => lab.evaluate({ ...state, gamma: 0.5 + 0.25 * r })));
  const fmt = (x: { wall: number; cpu: number }) => `${(x.wall / 1000).toFixed(2)} s wall, ${(x.cpu / 1000).toFixed(2)} s CPU`;
  console.log(`16 samples, ${state.steps} steps, guidance ${state.guidance}, styles ${state.styles.join(' + ')}`);
  console.log(`first render (5 panels + decomposition): ${fmt(first)}`);
  console.log(`slider re-render (the unique-only panel), median of ${runs}: ${fmt({ wall: median(slider.map((s) => s.wall)), cpu: median(slider.map((s) => s.cpu)) })}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
