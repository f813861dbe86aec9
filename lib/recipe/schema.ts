import { z } from 'zod';
import { decomposeOptionsSchema } from '../decompose/options';
import { layerSettingSchema } from './layer-schedule';
import { methodParamsSchema } from './methods/registry';

export const RECIPE_VERSION = 1;

/** A model reference: an id of a shipped model ("merge/task-digits") or a file path (CLI). */
const modelRef = z.string().min(1).max(256).regex(/^[\w./@:+-]+$/, 'model ids use letters, digits and . / _ - @ : + only');

export const termSchema = z
  .object({
    /** 0-based index into models.tasks. */
    task: z.number().int().min(0).max(63),
    part: z.enum(['shared', 'unique', 'full']),
    /** Bounded for sanity; wide enough for a shared part given once beside unique parts at a small lambda (gamma / k). */
    coefficient: z.number().min(-100).max(100),
    /**
     * Optional per-layer factor on the coefficient (lib/recipe/layer-schedule.ts): a gradient list
     * interpolated over layers, one value per layer, or mergekit's [{filter, value}] by tensor name.
     */
    schedule: layerSettingSchema.optional(),
    /** Optional layer filter: the block indices the term touches (tensors outside the stack are left out). */
    layers: z.array(z.number().int().min(0).max(1023)).max(1024).optional(),
    /** Optional per-term density for the sparsifying methods (TIES, DARE, Breadcrumbs, DELLA), per layer like schedule. */
    density: layerSettingSchema.optional(),
  })
  .strict();

/**
 * An edit as plain data: which checkpoints, how they are decomposed, which components are
 * combined with which coefficients, and the method that turns them into a weight delta.
 * Exported weights (in the safetensors metadata), recipe files (JSON or YAML) and the CLI carry exactly
 * this. A page's link carries its state instead; the demo's recipes(state) turns it into recipes.
 */
export const recipeSchema = z
  .object({
    version: z.literal(RECIPE_VERSION),
    models: z
      .object({
        family: z.string().max(64).regex(/^[\w-]*$/).optional(),
        base: modelRef,
        tasks: z.array(modelRef).min(1).max(64),
      })
      .strict(),
    decomposition: decomposeOptionsSchema.default(decomposeOptionsSchema.parse({})),
    terms: z.array(termSchema).max(256),
    method: methodParamsSchema.default({ name: 'task_arithmetic', lambda: 1 }),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  })
  .strict()
  .superRefine((r, ctx) => {
    r.terms.forEach((t, i) => {
      if (t.task >= r.models.tasks.length)
        ctx.addIssue({ code: 'custom', path: ['terms', i, 'task'], message: `task ${t.task} does not exist (${r.models.tasks.length} tasks)` });
    });
    (r.decomposition.over ?? []).forEach((t, i) => {
      if (t >= r.models.tasks.length)
        ctx.addIssue({ code: 'custom', path: ['decomposition', 'over', i], message: `task ${t} does not exist (${r.models.tasks.length} tasks)` });
    });
  });

export type Recipe = z.output<typeof recipeSchema>;
export type RecipeInput = z.input<typeof recipeSchema>;
export type Term = z.output<typeof termSchema>;

export class RecipeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecipeError';
  }
}

/** Parses untrusted input into a recipe, with one readable line per problem. */
export function parseRecipe(input: unknown): Recipe {
  const result = recipeSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(recipe)'}: ${i.message}`);
  throw new RecipeError(`invalid recipe: ${lines.join('; ')}`);
}
