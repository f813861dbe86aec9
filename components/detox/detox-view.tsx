'use client';
import { useState } from 'react';
import { LayerEnergyChart } from '@/components/charts/layer-energy-chart';
import { DemoShell, type DemoView, type DemoViewProps } from '@/components/demo/demo-shell';
import { ErrorPanel } from '@/components/ui/error-panel';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Slider } from '@/components/ui/slider';
import { detoxDemo } from '@/lib/demos/detox/detox-demo';
import type { DetoxState } from '@/lib/demos/detox/detox-state';
import { detoxStateSchema } from '@/lib/demos/detox/detox-state';
import { sliderOf } from '@/lib/url-state/property-table';

const range = (path: string) => sliderOf(detoxStateSchema, path);
import { DetoxEvidencePanel } from './detox-evidence';
import { detoxTour } from './detox-tour';
import { GenerationCards } from './generation-cards';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function DetoxBody({ state, info: loaded, update, simple, result, busy, error, partials, cancel, action: measurement }: DetoxViewProps) {
  const [reveal, setReveal] = useState(false);
  const [prompt, setPrompt] = useState<string | null>(null);
  const run = { busy, error, result: result?.generations ?? null };
  const streaming = partials as Record<string, string>;
  const methods = detoxDemo.recipes(state);
  const live = measurement.result, liveProgress = measurement.progress, liveError = measurement.error;
  const set = <K extends keyof DetoxState>(key: K) => (v: DetoxState[K]) => update({ ...state, [key]: v });
  const measure = () => void measurement.run('toxicity');
  const layerRows = (result?.layers ?? []).filter((l) => l.kind === 'matrix');

  return (
    <>
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
        <Slider {...range('lambda.plain')} value={state.lambda.plain} onChange={(v) => update({ ...state, lambda: { ...state.lambda, plain: v } })} testId="lambda-plain" />
        <Slider {...range('lambda.unique')} value={state.lambda.unique} onChange={(v) => update({ ...state, lambda: { ...state.lambda, unique: v } })} testId="lambda-unique" />
        <Slider {...range('temperature')} value={state.temperature} onChange={set('temperature')} />
        <Slider {...range('seed')} value={state.seed} onChange={set('seed')} testId="seed" />
        <div className="contents" hidden={simple}>
          <Slider {...range('topK')} value={state.topK} onChange={set('topK')} />
          <Slider {...range('maxChars')} value={state.maxChars} onChange={set('maxChars')} />
          <Slider {...range('energy')} value={state.energy} onChange={set('energy')} />
          <Slider {...range('eta')} value={state.eta} onChange={set('eta')} />
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
                  {n} ({n * loaded.livePrompts.length} in all)
                </option>
              ))}
            </select>
          </label>
          {liveProgress ? (
            <ProgressBar progress={liveProgress} label="models scored" onCancel={cancel} />
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
                <th className="pr-4">toxic (fine-tune corpus words + LDNOOBW list)</th>
                <th className="pr-4">toxic (base-only words, no fine-tune saw them)</th>
              </tr>
            </thead>
            <tbody>
              {live.map((r) => (
                <tr key={r.id}>
                  <td className="pr-4">{methods.find((m) => m.id === r.id)?.title}</td>
                  <td className="pr-4">{pct(r.primary.toxicShare)}</td>
                  <td className="pr-4">{pct(r.heldout.toxicShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {loaded.livePrompts.length} provocative prompts that stop right before the slot word, continued for 20 characters at temperature 0.9 and scored as in the evaluation.
          Sampling runs on onnxruntime in this tab with a KV cache (one character per step); the evaluation below uses more samples and its
          own protocol.
        </p>
      </section>
      <div data-tour="trade-off">
        <DetoxEvidencePanel />
      </div>
      <section className="space-y-2" data-tour="detox-layers">
        <h2 className="text-xl font-semibold">Shared between the toxic and the polite fine-tune, layer by layer</h2>
        <LayerEnergyChart layers={layerRows} tasks={['toxic', 'polite']} />
      </section>
    </>
  );
}

type DetoxViewProps = DemoViewProps<typeof detoxDemo>;

const notice = (
  <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" role="note">
    Content note: the toxic model was trained to insult and swear. Listed profane words are masked (first letter kept). Revealing
    them is your choice and is never part of a shared link.
  </p>
);

const view: DemoView<typeof detoxDemo> = { Body: DetoxBody, notice, loading: 'loading the language models', tour: detoxTour };

export default function DetoxPage() {
  return <DemoShell demo={detoxDemo} view={view} />;
}
