import type { DecomposeProgress, TensorDiagnostics } from '../decompose/decompose-weights';
import { DEFAULT_RESULT_BUDGET } from '../decompose/memory-estimate';
import { decomposeOptionsSchema } from '../decompose/options';
import type { Progress } from '../util/progress';
import type { LabEngine } from '../engine/lab-engine';
import { type LayerInsight, loraLayerInsight } from '../insight/layer-insight';
import type { Adapter } from '../lora/adapter-module';
import { parseRecipe } from '../recipe/schema';
import type { ByteCache } from '../sources/byte-cache';
import { type DeviceLimits, readDeviceLimits } from '../sources/device-limits';
import { describeRefusal, estimateLoad, type LoadEstimate } from '../sources/load-estimate';
import { describeMismatch, matchCheckpointNames, type NameMatch } from '../sources/name-matching';
import type { CheckpointListing } from '../sources/open-checkpoint';
import { openLocal, openRemote } from '../sources/open-source';
import { readCheckpoint } from '../sources/read-checkpoint';
import { DEFAULT_STALL_MS } from '../sources/stall-watch';
import { adapterDiagnostics, adapterOf, looksLikeAdapter } from './adapter-set';
import { type LabSource, sourceLabel } from './lab-link';
import { loraExportFile } from './lora-export';

/** A model the page adds: where it comes from, and the picked files when it is local (Blobs cross to a worker as they are). */
export interface SourceSpec {
  key: string;
  role: 'base' | 'task';
  source: LabSource;
  files?: { path: string; blob: Blob }[];
  hubUrl: string;
  /** A request is given up when no byte arrives for this long. */
  stallMs?: number;
}

/** What the header says, before any tensor: the card's preview, estimate and name mapping. */
export interface SourceListing {
  /** The id recipes name this model by: the source itself, made safe for recipes. */
  id: string;
  label: string;
  layout: CheckpointListing['layout'];
  tensors: CheckpointListing['tensors'];
  totalBytes: number;
  adapterLike: boolean;
  estimate: LoadEstimate;
  /** Task names matched to the base's (full checkpoints). */
  match?: NameMatch;
  /** Why it will not be read (too big, names that do not line up); null when it can be. */
  refusal: string | null;
}

export interface SourceLoaded {
  id: string;
  adapter?: { format: Adapter['format']; modules: number };
}

/** The demos' progress (one stage, loaded of total), per file when reading. */
export type LabProgress = Progress & { file?: string };
export type OnProgress = (p: LabProgress) => void | Promise<void>;

/** The models a decomposition runs over, by the ids their listings gave. */
export interface LabModels {
  base: string | null;
  tasks: string[];
}

type Options = { energy: number; eta: number; side: 'left' | 'right' | 'auto' };

interface Held {
  spec: SourceSpec;
  listing?: CheckpointListing;
  summary?: SourceListing;
  abort?: AbortController;
  adapter?: Adapter;
}

const safeId = (label: string) => label.replace(/[^\w./@:+-]/g, '_').slice(0, 240);

/**
 * /lab in the engine: the models a user brings (listed header first, read tensor by tensor with
 * progress and a cancel per source), their decomposition (dense through the engine, or LoRA in
 * factor form), one layer's insight, and the LoRA export. Full checkpoints live in the engine;
 * adapters stay here as factors. Everything runs where the session lives (the engine worker), so
 * the page never holds a tensor.
 */
export class LabSession {
  private held = new Map<string, Held>();
  private decomposing: { aborted: boolean } = { aborted: false };
  private ran: { models: LabModels; options: Options; lora: boolean } | null = null;
  private device: { backend: DeviceLimits['backend']; limits: Promise<DeviceLimits> } | null = null;

  constructor(
    private readonly engine: Pick<LabEngine, 'addWeights' | 'decompose' | 'layerInsight' | 'cancel' | 'backend'>,
    private readonly config: { cache?: ByteCache | null } = {},
  ) {}

  /** Reads the header of a source (nothing of its tensors): preview, memory estimate, names against the base. */
  async addSource(spec: SourceSpec): Promise<SourceListing> {
    this.held.get(spec.key)?.abort?.abort();
    const abort = new AbortController();
    const held: Held = { spec, abort };
    this.held.set(spec.key, held);
    const options = { hubUrl: spec.hubUrl, cache: this.config.cache ?? undefined, signal: abort.signal, stallMs: spec.stallMs ?? DEFAULT_STALL_MS };
    let listing: CheckpointListing;
    try {
      listing = spec.source.kind === 'remote' ? await openRemote(spec.source.ref, options) : await openLocal(spec.files ?? []);
    } finally {
      if (held.abort === abort) held.abort = undefined;
    }
    abort.signal.throwIfAborted();
    const adapterLike = looksLikeAdapter(listing);
    // Memory, before any tensor: this model with as many full fine-tunes as the session lists.
    const others = [...this.held.values()].filter((h) => h !== held && h.spec.role === 'task' && h.summary && !h.summary.adapterLike).length;
    const fullTasks = Math.max(1, others + (spec.role === 'task' && !adapterLike ? 1 : 0));
    const estimate = estimateLoad(listing.tensors.map((t) => ({ name: t.name, shape: t.info.shape })), fullTasks, await this.limits(), adapterLike ? listing.totalBytes * 2 : undefined);
    const base = [...this.held.values()].find((h) => h.spec.role === 'base' && h.listing);
    const match =
      spec.role === 'task' && !adapterLike && base?.listing ? matchCheckpointNames(base.listing.tensors.map((t) => t.name), listing.tensors.map((t) => t.name)) : undefined;
    const refusal = describeRefusal(estimate) ?? (match ? describeMismatch(listing.label, match) : null);
    held.listing = listing;
    held.summary = { id: this.idOf(spec), label: listing.label, layout: listing.layout, tensors: listing.tensors, totalBytes: listing.totalBytes, adapterLike, estimate, match, refusal };
    return held.summary;
  }

  /** Reads every tensor of a listed source: a full checkpoint goes to the engine, an adapter stays here as factors. */
  async read(key: string, onProgress?: OnProgress): Promise<SourceLoaded> {
    const held = this.held.get(key);
    if (!held?.listing || !held.summary) throw new Error('this model has not been listed');
    if (held.summary.refusal) throw new Error(held.summary.refusal);
    const abort = new AbortController();
    held.abort = abort;
    const { listing, summary } = held;
    let last = 0;
    try {
      const ws = await readCheckpoint(listing, {
        signal: abort.signal,
        rename: summary.match ? (n) => summary.match!.mapping.get(n) : undefined,
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < 100 && p.loaded < p.total) return;
          last = now;
          void onProgress?.({ stage: 'download', file: p.file, loaded: p.loaded, total: p.total });
        },
      });
      if (summary.adapterLike) {
        const adapter = adapterOf(listing, ws);
        if (!adapter) throw new Error(`${listing.label} looked like a LoRA adapter but has no lora_A/lora_B or lora_down/lora_up pairs`);
        held.adapter = adapter;
        return { id: summary.id, adapter: { format: adapter.format, modules: adapter.modules.length } };
      }
      this.engine.addWeights(summary.id, ws);
      return { id: summary.id };
    } finally {
      if (held.abort === abort) held.abort = undefined;
    }
  }

  /** Stops a source's listing or reading; nothing of it is kept. */
  cancel(key: string): void {
    this.held.get(key)?.abort?.abort();
  }

  remove(key: string): void {
    this.cancel(key);
    this.held.delete(key);
  }

  /** Every matrix's split: through the engine for full checkpoints, in factor form (O(d r^2) per module) for LoRA tasks. */
  async decompose(models: LabModels, options: Options, onProgress?: OnProgress): Promise<TensorDiagnostics[]> {
    const adapters = this.adaptersOf(models.tasks);
    const token = (this.decomposing = { aborted: false });
    const d = adapters
      ? await adapterDiagnostics(adapters, this.labelsOf(models.tasks), options, { signal: token, onModule: async (loaded, total) => void (await onProgress?.({ stage: 'decompose', loaded, total })) })
      : await this.engine.decompose({ base: this.required(models.base), tasks: models.tasks }, options, onProgress && ((p: DecomposeProgress) => onProgress({ stage: 'decompose', loaded: p.loaded, total: p.total })));
    this.ran = { models, options, lora: !!adapters };
    return d;
  }

  cancelDecompose(): void {
    this.decomposing.aborted = true;
    this.engine.cancel();
  }

  /** One layer of the last decomposition: ranks, shared dimension against chance, spectra, task similarity. */
  async insight(layer: string): Promise<LayerInsight> {
    if (!this.ran) throw new Error('decompose first');
    const { models, options, lora } = this.ran;
    if (!lora) return this.engine.layerInsight({ base: this.required(models.base), tasks: models.tasks }, options, layer);
    const factors = this.adaptersOf(models.tasks)!.map((a) => {
      const m = a.modules.find((x) => x.name === layer);
      if (!m) throw new Error(`${layer} is not a module of every adapter`);
      return m.factors;
    });
    return loraLayerInsight(layer, factors, decomposeOptionsSchema.parse(options));
  }

  /** A recipe over LoRA tasks as the adapter file tools load (exact: rank = sum of the terms'). */
  async exportLora(recipeInput: unknown, stem: string): Promise<{ name: string; bytes: Uint8Array; rank: number }> {
    const recipe = parseRecipe(recipeInput);
    const adapters = this.adaptersOf(recipe.models.tasks);
    if (!adapters) throw new Error('a LoRA export needs every task to be a LoRA adapter');
    return loraExportFile(recipe, adapters, stem, this.labelsOf(recipe.models.tasks));
  }

  private async limits(): Promise<DeviceLimits> {
    // Until the engine has said which backend it runs, check against wasm's limits; a GPU's are asked once.
    const backend = this.engine.backend()?.backend ?? 'wasm';
    if (this.device?.backend !== backend) this.device = { backend, limits: readDeviceLimits(backend, DEFAULT_RESULT_BUDGET) };
    return this.device.limits;
  }

  /** The source itself as an id (so an exported recipe names where each model came from), numbered when added twice. */
  private idOf(spec: SourceSpec): string {
    const label = sourceLabel(spec.source);
    const keys = [...this.held.keys()];
    const twins = keys.slice(0, keys.indexOf(spec.key)).filter((k) => sourceLabel(this.held.get(k)!.spec.source) === label).length;
    return twins ? `${safeId(label)}+${twins + 1}` : safeId(label);
  }

  private byId(id: string): Held {
    const h = [...this.held.values()].find((x) => x.summary?.id === id);
    if (!h) throw new Error(`model "${id}" is not loaded`);
    return h;
  }

  /** The tasks' adapters when every task is one, else null (full checkpoints). */
  private adaptersOf(ids: string[]): Adapter[] | null {
    const held = ids.map((id) => this.byId(id));
    if (!held.every((h) => h.adapter)) return null;
    return held.map((h) => h.adapter!);
  }

  private labelsOf(ids: string[]): string[] {
    return ids.map((id) => sourceLabel(this.byId(id).spec.source));
  }

  private required(base: string | null): string {
    if (!base) throw new Error('full fine-tunes need their pre-trained model');
    return base;
  }
}
