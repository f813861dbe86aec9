'use client';
import * as Comlink from 'comlink';
import { useCallback, useEffect, useState } from 'react';
import type { TensorDiagnostics } from '@/lib/decompose/decompose-weights';
import { decomposeOptionsSchema } from '@/lib/decompose/options';
import { type LayerInsight, loraLayerInsight } from '@/lib/insight/layer-insight';
import { adapterDiagnostics } from '@/lib/lab/adapter-set';
import type { Adapter } from '@/lib/lora/adapter-module';
import type { Progress } from '@/lib/util/progress';
import { EngineStoppedError, type RemoteEngine } from './engine-client';

export interface LabModels {
  base: string;
  tasks: string[];
  /** LoRA tasks are split in factor form on the page (O(d r^2) per module, no d x d). */
  adapters: Adapter[] | null;
  labels: string[];
}
type Options = { energy: number; eta: number; side: 'left' | 'right' };

/** /lab's decomposition (engine for full checkpoints, factor form for LoRA) and the selected layer's insight. */
export function useLabAnalysis(engine: RemoteEngine | null) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [diagnostics, setDiagnostics] = useState<TensorDiagnostics[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [layer, setLayer] = useState<string | null>(null);
  const [insight, setInsight] = useState<LayerInsight | null>(null);
  const [insightError, setInsightError] = useState<string | null>(null);
  const [ran, setRan] = useState<{ models: LabModels; options: Options } | null>(null);
  /** Set when the engine died during a run: the page runs it again once its models are back. */
  const [interrupted, setInterrupted] = useState(false);

  const decompose = useCallback(
    async (models: LabModels, options: Options) => {
      if (!engine) return;
      setError(null);
      setDiagnostics(null);
      setInsight(null);
      setInterrupted(false);
      try {
        const d = models.adapters
          ? await adapterDiagnostics(models.adapters, models.labels, options, (loaded, total) => setProgress({ stage: 'decompose', loaded, total }))
          : await engine.decompose({ base: models.base, tasks: models.tasks }, options, Comlink.proxy(setProgress));
        setRan({ models, options });
        setDiagnostics(d);
        setLayer(d.find((x) => x.kind === 'matrix')?.name ?? null);
      } catch (e) {
        setError((e as Error).message);
        if (e instanceof EngineStoppedError) setInterrupted(true);
      } finally {
        setProgress(null);
      }
    },
    [engine],
  );

  useEffect(() => {
    if (!layer || !ran || !engine) return;
    let alive = true;
    setInsight(null);
    setInsightError(null);
    const { models, options } = ran;
    const run = models.adapters
      ? loraLayerInsight(layer, models.adapters.map((a) => a.modules.find((m) => m.name === layer)!.factors), decomposeOptionsSchema.parse(options))
      : engine.layerInsight({ base: models.base, tasks: models.tasks }, options, layer);
    run.then((x) => alive && setInsight(x)).catch((e: Error) => alive && setInsightError(e.message));
    return () => {
      alive = false;
    };
  }, [layer, ran, engine]);

  return { decompose, interrupted, cancel: () => engine?.cancel(), progress, diagnostics, error, layer, setLayer, insight, insightError };
}
