import { z } from 'zod';
import { decomposeOptionsSchema } from '../decompose/options';
import { parseRecipe, type Recipe, recipeSchema, type Term } from '../recipe/schema';
import { DEFAULT_HUB_URL, parseSource } from '../sources/source-ref';
import { type LinkRead, readLink } from '../url-state/location';

/**
 * /lab's state in its link: the recipe (its sources, decomposition options, terms and method, in
 * the recipe schema's own terms) plus view settings. A URL or hub source reloads by itself; a
 * local file is named so the page can ask for it again (its bytes never leave the machine, so a
 * link cannot carry them). Version 1 links (coefficients per task, a method name and lambda)
 * still open: they are read and converted.
 */
export const LAB_LINK_VERSION = 2;

const remoteRef = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      parseSource(s);
      return true;
    } catch {
      return false;
    }
  }, 'not an http(s) URL or hf:owner/name id');

export const labSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('remote'), ref: remoteRef }).strict(),
  z.object({ kind: z.literal('local'), name: z.string().min(1).max(256) }).strict(),
]);
export type LabSource = z.output<typeof labSourceSchema>;

const decomposition = decomposeOptionsSchema.pick({ energy: true, eta: true, side: true }).default({ energy: 0.9, eta: 0.85, side: 'left' });
const hubUrl = z.string().url().max(512).default(DEFAULT_HUB_URL);
const sources = { base: labSourceSchema.nullable().default(null), tasks: z.array(labSourceSchema).max(16).default([]) };

export const DEFAULT_STALL_SECONDS = 30;

export const labLinkSchema = z
  .object({
    hubUrl,
    ...sources,
    decomposition,
    /** The recipe's terms; `task` indexes `tasks` (a task with no term counts shared and unique once). */
    terms: recipeSchema.shape.terms.default([]),
    method: recipeSchema.shape.method,
    view: z
      .object({
        /** The layer whose insight shows. */
        layer: z.string().max(512).nullable().default(null),
        /** A download is given up when no byte arrives for this long. */
        stallSeconds: z.number().int().min(1).max(600).default(DEFAULT_STALL_SECONDS),
      })
      .strict()
      .default({ layer: null, stallSeconds: DEFAULT_STALL_SECONDS }),
  })
  .strict();
export type LabLink = z.output<typeof labLinkSchema>;

export const defaultLabLink: LabLink = labLinkSchema.parse({});

/** Version 1: the edit as coefficients per task, a method name and lambda. */
export const labLinkV1Schema = z
  .object({
    hubUrl,
    ...sources,
    options: decomposition,
    coefficients: z.array(z.object({ shared: z.number().min(-10).max(10), unique: z.number().min(-10).max(10) }).strict()).max(16).default([]),
    method: z.enum(['task_arithmetic', 'negation', 'ties']).default('task_arithmetic'),
    lambda: z.number().min(0).max(10).default(1),
  })
  .strict();
export type LabLinkV1 = z.output<typeof labLinkV1Schema>;

/** A version 1 link as the recipe it meant (TIES ran at density 0.2 with mass election then). */
export function fromV1(v1: LabLinkV1): LabLink {
  const terms: Term[] = v1.coefficients.flatMap((c, task) => [
    { task, part: 'shared' as const, coefficient: c.shared },
    { task, part: 'unique' as const, coefficient: c.unique },
  ]);
  const method = v1.method === 'ties' ? { name: 'ties' as const, lambda: v1.lambda, density: 0.2, election: 'mass' as const } : { name: v1.method, lambda: v1.lambda };
  return labLinkSchema.parse({ hubUrl: v1.hubUrl, base: v1.base, tasks: v1.tasks, decomposition: v1.options, terms, method });
}

/** /lab's state from its URL: a current link, or a version 1 link converted. */
export function readLabLink(url: URL): LinkRead<LabLink> {
  const read = readLink(url, labLinkSchema, LAB_LINK_VERSION, defaultLabLink);
  if (read.kind !== 'error') return read;
  const v1 = readLink(url, labLinkV1Schema, 1, labLinkV1Schema.parse({}));
  if (v1.kind === 'ok') return { kind: 'ok', value: fromV1(v1.value), legacy: true };
  // A version 1 link that is itself broken: say what is wrong with it, not that it is old.
  return v1.kind === 'error' && /made by version 1 of this page/.test(read.error) ? v1 : read;
}

/** How a source is shown and named in a recipe. */
export const sourceLabel = (s: LabSource) => (s.kind === 'remote' ? s.ref : s.name);

/**
 * Task i's terms as the edit shows them: its own (with their per-layer schedules, layer filters
 * and densities), or its shared and unique parts once each when it has none.
 */
export function termsOfTask(link: LabLink, task: number): Term[] {
  const own = link.terms.filter((t) => t.task === task);
  return own.length ? own : [{ task, part: 'shared', coefficient: 1 }, { task, part: 'unique', coefficient: 1 }];
}

/** The link with task i's n-th term (as termsOfTask lists them) replaced; the task's other terms stay as they are. */
export function withTaskTerm(link: LabLink, task: number, n: number, term: Term): LabLink {
  const mine = termsOfTask(link, task).map((t, k) => (k === n ? { ...term, task } : t));
  const terms = [...link.terms.filter((t) => t.task !== task), ...mine];
  return { ...link, terms: terms.sort((a, b) => a.task - b.task) };
}

/** The link with new sources; each kept task keeps its terms (matched by source, in order). */
export function withSources(link: LabLink, base: LabSource | null, tasks: LabSource[]): LabLink {
  const key = (s: LabSource) => JSON.stringify(s);
  const free = link.tasks.map((s, i) => ({ s: key(s), i }));
  const terms = tasks.flatMap((s, now) => {
    const j = free.findIndex((f) => f.s === key(s));
    if (j < 0) return [];
    const [{ i: before }] = free.splice(j, 1);
    return link.terms.filter((t) => t.task === before).map((t) => ({ ...t, task: now }));
  });
  return { ...link, base, tasks, terms };
}

/**
 * The recipe a link stands for over the models that are loaded: `ids[i]` is the id of the link's
 * task i, or null when it is not loaded (its terms drop out). LoRA sets have no base (`none`).
 */
export function labRecipe(link: LabLink, base: string | null, ids: (string | null)[]): Recipe | null {
  const loaded = ids.flatMap((id, i) => (id ? [{ id, i }] : []));
  if (!loaded.length) return null;
  // Each loaded task's terms whole, per-layer settings included, renumbered over the loaded tasks.
  const terms = loaded.flatMap(({ i }, task) => termsOfTask(link, i).map((t) => ({ ...t, task })));
  return parseRecipe({ version: 1, models: { base: base ?? 'none', tasks: loaded.map((l) => l.id) }, decomposition: link.decomposition, terms, method: link.method });
}

/** File names that say nothing of the model (the folder or repo does). */
const GENERIC = /^(model|adapter_model|diffusion_pytorch_model|pytorch_lora_weights)(\.safetensors|\.safetensors\.index\.json)$|^model\.safetensors\.index\.json$/;

/**
 * A short name a user tells models apart by: the file, or the folder or repo when the file's name
 * is generic ("…/lora-a/adapter_model.safetensors" is "lora-a"; a hub address is its "owner/repo").
 */
export function shortName(s: LabSource): string {
  const label = sourceLabel(s);
  const hub = /^hf:([^@]+)(?:@(.+))?$/.exec(label);
  if (hub) return hub[2] && hub[2] !== 'main' ? `${hub[1]}@${hub[2]}` : hub[1];
  let parts: string[];
  try {
    parts = s.kind === 'remote' ? new URL(label).pathname.split('/').filter(Boolean).map(decodeURIComponent) : label.split('/').filter(Boolean);
  } catch {
    return label;
  }
  const resolve = parts.indexOf('resolve');
  if (resolve >= 2) return parts.slice(resolve - 2, resolve).join('/');
  while (parts.length > 1 && GENERIC.test(parts[parts.length - 1])) parts.pop();
  const last = parts.pop() ?? label;
  return last.replace(/\.safetensors$/, '');
}
