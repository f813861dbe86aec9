/** The engine the page runs (lib/engine), in Node on tfjs-wasm, holding one family under the page's checkpoint ids. */
import { LabEngine } from '../../lib/engine/lab-engine';
import { baseId, taskId } from '../../lib/demos/merge/merge-recipes';
import type { WeightSet } from '../../lib/tensors/weight-set';

export async function familyEngine(base: WeightSet, tasks: string[], encoders: WeightSet[]): Promise<LabEngine> {
  const engine = new LabEngine();
  await engine.init('wasm');
  engine.addWeights(baseId, base);
  tasks.forEach((t, i) => engine.addWeights(taskId(t), encoders[i]));
  return engine;
}
