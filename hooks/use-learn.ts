'use client';
import type { LearnState } from '@/lib/demos/learn/learn-state';
import type { PlantedSpec } from '@/lib/synthetic/planted';
import { toyTasks } from '@/lib/synthetic/toy-tasks';
import type { EngineLink } from './use-engine-call';
import { useLatest } from './use-latest';

/** The /learn toy: three planes in 3-D, their shared direction recomputed on every change. */
export function useToy({ engine, generation }: EngineLink, toy: LearnState['toy']) {
  const { k, spread, eta } = toy;
  return useLatest(engine ? { k, spread, eta } : null, `${k}/${spread}/${eta}/${generation}/${engine ? 1 : 0}`, (p) => engine!.toy(toyTasks(p.k, p.spread), { eta: p.eta }));
}

/** The /learn planted matrices: decomposed in the worker whenever the settings change. */
export function useSynthetic({ engine, generation }: EngineLink, p: LearnState['synthetic'], spec: PlantedSpec) {
  return useLatest(engine ? p : null, `${JSON.stringify(p)}/${generation}/${engine ? 1 : 0}`, () => engine!.synthetic(spec, { eta: p.eta, energy: p.energy }));
}
