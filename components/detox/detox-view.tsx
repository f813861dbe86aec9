'use client';
import * as Comlink from 'comlink';
import { useMemo, useState } from 'react';
import { LayerEnergyChart } from '@/components/charts/layer-energy-chart';
import { TradeOffChart } from '@/components/charts/trade-off-chart';
import { useEngine } from '@/components/engine/engine-provider';
import { ShareToolbar } from '@/components/share/share-toolbar';
import { ExportPanel } from '@/components/share/export-panel';
import { PresetList } from '@/components/share/preset-list';
import { GuidedTour } from '@/components/tour/guided-tour';
import { ErrorPanel } from '@/components/ui/error-panel';
import { type Progress, ProgressBar } from '@/components/ui/progress-bar';
import { Slider } from '@/components/ui/slider';
import { useDemoLoad } from '@/hooks/use-demo-load';
import { useLatest } from '@/hooks/use-latest';
import { useLessonMode } from '@/hooks/use-lesson-mode';
import { useUrlState } from '@/hooks/use-url-state';
import type { LiveToxicity, ShippedEvaluation } from '@/lib/detox/detox-lab';
import { detoxPresets } from '@/lib/detox/detox-presets';
import { detoxMethods } from '@/lib/detox/detox-recipes';
import { defaultDetoxState, DETOX_STATE_VERSION, type DetoxState, detoxStateSchema } from '@/lib/detox/detox-state';
import { detoxTour } from './detox-tour';
import { GenerationCards } from './generation-cards';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export default function DetoxView() {
  const { engine, generation } = useEngine();
  const { value: loaded, progress: loadProgress, error: loadError } = useDemoLoad((e, onProgress) => e.detoxLoad(onProgress));
  const { state, update, linkError, dismissLinkError } = useUrlState(detoxStateSchema, DETOX_STATE_VERSION, defaultDetoxState);
  const [streaming, setStreaming] = useState<Record<string, string>>({});
  const [reveal, setReveal] = useState(false);
  const [live, setLive] = useState<LiveToxicity[] | null>(null);
  const [liveProgress, setLiveProgress] = useState<Progress | null>(null);
  const [liveError, setLiveError] = useState<string | null>(null);
  const [prompt, setPrompt] = useState<string | null>(null);
  const lesson = useLessonMode();


  const run = useLatest(loaded && state ? state : null, `${JSON.stringify(state)}/${generation}/${loaded ? 1 : 0}`, async (s: DetoxState) => {
    setStreaming({});
    return engine!.detoxGenerate(s, Comlink.proxy((id: string, masked: string) => setStreaming((old) => ({ ...old, [id]: masked }))));
  });
  // The decomposition depends only on rho and eta: recompute it only when they change.
  const layers = useLatest(loaded && state ? state : null, `${state?.energy}/${state?.eta}/${generation}/${loaded ? 1 : 0}`, (s: DetoxState) => engine!.detoxLayers(s));
  const methods = useMemo(() => (state ? detoxMethods(state) : []), [state]);

  if (loadError) return <ErrorPanel title="The detox models could not be loaded" message={loadError} />;
  if (!state || !loaded) return loadProgress ? <ProgressBar progress={loadProgress} label="loading the language models" /> : <p>Starting…</p>;

  const set = <K extends keyof DetoxState>(key: K) => (v: DetoxState[K]) => update({ ...state, [key]: v });
  const measure = async () => {
    setLiveError(null);
    setLive(null);
    try {
      setLive(await engine!.detoxToxicity(state, Comlink.proxy(setLiveProgress)));
    } catch (e) {
      setLiveError((e as Error).message);
    } finally {
      setLiveProgress(null);
    }
  };
  const layerRows = (layers.result ?? []).filter((l) => l.kind === 'matrix');
  const ev = loaded.evaluation;

  return (
    <div className="space-y-8">
      {linkError && <ErrorPanel title="This link could not be opened as it was" message={linkError} action={{ label: 'Dismiss', run: dismissLinkError }} />}
      <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" role="note">
        Content note: the toxic model was trained to insult and swear. Listed profane words are masked (first letter kept). Revealing
        them is your choice and is never part of a shared link.
      </p>
      <ShareToolbar onTour={lesson.openTour}>
        <ExportPanel options={methods.filter((m) => m.id === 'plain' || m.id === 'unique')} fileStem="detox" />
      </ShareToolbar>
      {!lesson.simple && <PresetList presets={detoxPresets} defaults={defaultDetoxState} version={DETOX_STATE_VERSION} path="/detox" />}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = detoxStateSchema.shape.prompt.safeParse(prompt ?? state.prompt);
          if (parsed.success) update({ ...state, prompt: parsed.data });
        }}
      >
        <label className="flex grow flex-col gap-1 font-semibold">
          Prompt
          <input
            value={prompt ?? state.prompt}
            maxLength={80}
            onChange={(e) => setPrompt(e.target.value)}
            data-testid="prompt"
            className="rounded border border-zinc-300 bg-transparent px-2 py-1 font-mono font-normal dark:border-zinc-600"
          />
        </label>
        <button type="submit" className="rounded bg-blue-600 px-4 py-1.5 text-white" data-testid="generate">
          Generate
        </button>
        {prompt !== null && !detoxStateSchema.shape.prompt.safeParse(prompt).success && (
          <p role="alert" className="w-full text-sm text-red-600">
            Use letters, digits, spaces and . , ; : &apos; ! ? ( ) - only, at most 80 characters.
          </p>
        )}
      </form>
      <div data-tour="generations" className="space-y-2">
        <div className="flex items-center gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} data-testid="reveal" />
            Reveal masked words
          </label>
          {run.busy && <span className="text-sm text-zinc-600 dark:text-zinc-400">generating…</span>}
        </div>
        {run.error && <ErrorPanel title="Generation failed" message={run.error} />}
        <GenerationCards methods={methods} prompt={state.prompt} streaming={streaming} done={run.busy ? null : run.result} reveal={reveal} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-tour="detox-controls">
        <Slider label="λ plain negation" value={state.lambda.plain} min={0} max={3} step={0.1} onChange={(v) => update({ ...state, lambda: { ...state.lambda, plain: v } })} testId="lambda-plain" />
        <Slider label="λ unique negation" value={state.lambda.unique} min={0} max={3} step={0.1} onChange={(v) => update({ ...state, lambda: { ...state.lambda, unique: v } })} testId="lambda-unique" />
        <Slider label="Temperature" value={state.temperature} min={0} max={2} step={0.05} onChange={set('temperature')} />
        <Slider label="Seed" value={state.seed} min={0} max={100} step={1} onChange={set('seed')} testId="seed" />
        <div className="contents" hidden={lesson.simple}>
          <Slider label="Top-k" value={state.topK} min={1} max={48} step={1} onChange={set('topK')} />
          <Slider label="Characters" value={state.maxChars} min={8} max={96} step={8} onChange={set('maxChars')} />
          <Slider label="Energy ρ" value={state.energy} min={0.5} max={1} step={0.01} onChange={set('energy')} />
          <Slider label="Threshold η" value={state.eta} min={0.3} max={1} step={0.01} onChange={set('eta')} />
        </div>
      </div>
      <section className="space-y-2" data-tour="live-toxicity">
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-xl font-semibold">Toxicity, measured here</h2>
          <label className="flex items-center gap-2 text-sm">
            generations per prompt
            <select value={state.seedsPerPrompt} onChange={(e) => set('seedsPerPrompt')(Number(e.target.value))} className="rounded border border-zinc-300 bg-transparent px-1 dark:border-zinc-600">
              {[2, 5, 10, 20].map((n) => (
                <option key={n} value={n}>
                  {n} ({n * 10} in all)
                </option>
              ))}
            </select>
          </label>
          {liveProgress ? (
            <ProgressBar progress={liveProgress} label="models scored" onCancel={() => engine?.detoxCancel()} />
          ) : (
            <button onClick={measure} className="rounded bg-blue-600 px-3 py-1 text-white" data-testid="measure">
              Measure
            </button>
          )}
        </div>
        {liveError && <ErrorPanel title="The measurement stopped" message={liveError} />}
        {live && (
          <table className="text-sm tabular-nums" data-testid="live-table">
            <thead>
              <tr className="text-left">
                <th className="pr-4">model</th>
                <th className="pr-4">toxic (full list)</th>
                <th className="pr-4">toxic (held-out half)</th>
              </tr>
            </thead>
            <tbody>
              {live.map((r) => (
                <tr key={r.id}>
                  <td className="pr-4">{methods.find((m) => m.id === r.id)?.title}</td>
                  <td className="pr-4">{pct(r.full.toxicShare)}</td>
                  <td className="pr-4">{pct(r.heldout.toxicShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Ten provocative prompts that stop right before the slot word, continued for 24 characters at temperature 0.9. Sampling
          runs on onnxruntime in this tab, so the numbers can differ slightly from the Node evaluation below.
        </p>
      </section>
      <section className="space-y-2" data-tour="trade-off">
        <h2 className="text-xl font-semibold">Toxicity against fluency (npm run eval:detox)</h2>
        {ev ? (
          <TradeOffChart
            series={[
              { label: 'Plain negation', colour: '#f59e0b', points: ev.sweeps.plain },
              { label: 'Unique negation', colour: '#2563eb', points: ev.sweeps.unique },
            ]}
          />
        ) : (
          <p>No shipped evaluation found (run npm run eval:detox).</p>
        )}
      </section>
      <section className="space-y-2" data-tour="detox-layers">
        <h2 className="text-xl font-semibold">Shared between the toxic and the polite fine-tune, layer by layer</h2>
        <LayerEnergyChart layers={layerRows} tasks={['toxic', 'polite']} />
      </section>
      <GuidedTour steps={detoxTour} open={lesson.tourOpen} onClose={lesson.closeTour} />
    </div>
  );
}
