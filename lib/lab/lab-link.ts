import { z } from 'zod';
import { decomposeOptionsSchema } from '../decompose/options';
import { DEFAULT_HUB_URL, parseSource } from '../sources/source-ref';

/**
 * /lab's state in its link: where each model came from, the decomposition options and the edit.
 * A URL or hub source reloads by itself; a local file is named so the page can ask for it again
 * (its bytes never leave the machine, so a link cannot carry them).
 */
export const LAB_LINK_VERSION = 1;

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

export const labLinkSchema = z
  .object({
    hubUrl: z.string().url().max(512).default(DEFAULT_HUB_URL),
    base: labSourceSchema.nullable().default(null),
    tasks: z.array(labSourceSchema).max(16).default([]),
    options: decomposeOptionsSchema.pick({ energy: true, eta: true, side: true }).default({ energy: 0.9, eta: 0.85, side: 'left' }),
    /** Per task (same order as tasks): the coefficients of its shared and unique parts. */
    coefficients: z.array(z.object({ shared: z.number().min(-10).max(10), unique: z.number().min(-10).max(10) }).strict()).max(16).default([]),
    method: z.enum(['task_arithmetic', 'negation', 'ties']).default('task_arithmetic'),
    lambda: z.number().min(0).max(10).default(1),
  })
  .strict();
export type LabLink = z.output<typeof labLinkSchema>;

export const defaultLabLink: LabLink = labLinkSchema.parse({});

/** How a source is shown and named in a recipe. */
export const sourceLabel = (s: LabSource) => (s.kind === 'remote' ? s.ref : s.name);
