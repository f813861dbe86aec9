import { z } from 'zod';

/**
 * What every public/models/<family>/manifest.json has in common: the files it ships, each with
 * its sha256 and size, so a loader can tell a corrupt or missing file by name. A family extends
 * this schema with its own fields (architecture, tasks, ...); unknown fields pass through, so a
 * newer build's extra notes do not break an older page.
 */
export const shippedFileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits'),
  bytes: z.number().int().min(0),
});

export const manifestSchema = z.looseObject({
  files: z.record(z.string().regex(/^[\w.-]+$/, 'file names use letters, digits and . _ - only'), shippedFileSchema),
});

export type ShippedFile = z.output<typeof shippedFileSchema>;
export type Manifest = z.output<typeof manifestSchema>;
