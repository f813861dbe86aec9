'use client';
import { Slider } from '@/components/ui/slider';
import type { StyleName } from '@/lib/demos/style/dataset/styles';
import type { StyleInfo } from '@/lib/demos/style/style-runtime';
import { type StyleState, styleStateSchema } from '@/lib/demos/style/style-state';
import { sliderOf } from '@/lib/url-state/property-table';

const range = (path: string) => sliderOf(styleStateSchema, path);

export function StylePicker({ state, info, onChange }: { state: StyleState; info: StyleInfo; onChange(s: StyleState): void }) {
  const toggle = (name: StyleName) => {
    const on = state.styles.includes(name);
    if (on && state.styles.length <= 2) return; // a mix needs two styles
    const styles = on ? state.styles.filter((s) => s !== name) : info.styles.map((s) => s.name).filter((s) => s === name || state.styles.includes(s));
    onChange({ ...state, styles });
  };
  return (
    <fieldset className="flex flex-wrap gap-3">
      <legend className="mb-1 text-sm font-medium">Styles to mix (two or more)</legend>
      {info.styles.map((s) => (
        <label key={s.name} className="flex items-center gap-1 rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700">
          <input type="checkbox" checked={state.styles.includes(s.name)} onChange={() => toggle(s.name)} data-testid={`style-${s.name}`} />
          {s.title}
        </label>
      ))}
    </fieldset>
  );
}

export function MixControls({ state, onChange, simple }: { state: StyleState; onChange(s: StyleState): void; simple?: boolean }) {
  const f2 = (v: number) => v.toFixed(2);
  return (
    <div className="grid gap-6 md:grid-cols-3">
      <div className="space-y-3">
        <h3 className="font-semibold">Unique-only mixing</h3>
        <Slider {...range('gamma')} value={state.gamma} format={f2} onChange={(gamma) => onChange({ ...state, gamma })} testId="gamma" />
        {state.styles.map((s) => (
          <Slider key={s} {...range(`beta.${s}`)} value={state.beta[s]} format={f2} onChange={(v) => onChange({ ...state, beta: { ...state.beta, [s]: v } })} testId={`beta-${s}`} />
        ))}
      </div>
      <div className="space-y-3">
        <h3 className="font-semibold">Naive task arithmetic</h3>
        {state.styles.map((s) => (
          <Slider key={s} {...range(`naive.${s}`)} value={state.naive[s]} format={f2} onChange={(v) => onChange({ ...state, naive: { ...state.naive, [s]: v } })} testId={`naive-${s}`} />
        ))}
      </div>
      <div className="space-y-3">
        <h3 className="font-semibold">Sampler and decomposition</h3>
        <Slider {...range('steps')} value={state.steps} onChange={(steps) => onChange({ ...state, steps })} testId="steps" />
        <Slider {...range('seed')} value={state.seed} onChange={(seed) => onChange({ ...state, seed })} testId="seed" />
        <div className="space-y-3" hidden={simple}>
        <Slider {...range('guidance')} value={state.guidance} format={f2} onChange={(guidance) => onChange({ ...state, guidance })} />
        <Slider {...range('energy')} value={state.energy} format={f2} onChange={(energy) => onChange({ ...state, energy })} />
        <Slider {...range('eta')} value={state.eta} format={f2} onChange={(eta) => onChange({ ...state, eta })} />
        <label className="flex items-center gap-2 text-sm">
          Biases and norms
          <select value={state.vectors} onChange={(e) => onChange({ ...state, vectors: e.target.value as StyleState['vectors'] })} className="rounded border border-zinc-300 bg-transparent px-1 dark:border-zinc-700">
            <option value="shared-mean">mean counted as shared</option>
            <option value="unique">whole in each unique part</option>
          </select>
        </label>
        </div>
      </div>
    </div>
  );
}
