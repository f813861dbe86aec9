import { z } from 'zod';

/**
 * What every public/models/<family>/manifest.json has in common: the files it ships, each with
 * its sha256 and size, so a loader can tell a corrupt or missing file by name. A family extends
 * this schema with its own fields (architecture, tasks, ...); unknown fields pass through, so a
 * newer build's extra notes do not break an older page.
 */
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits');
const fileNameSchema = z.string().regex(/^[\w.-]+$/, 'file names use letters, digits and . _ - only');

/**
 * The same file packed for the wire (lib/manifest/delta-pack.ts): `file` holds it, `against` names
 * the listed file it is the difference to. A loader that cannot fetch it reads the plain file.
 */
export const packedFileSchema = z.object({
  file: fileNameSchema,
  bytes: z.number().int().min(0),
  against: fileNameSchema.optional(),
});

export const shippedFileSchema = z.object({
  sha256: sha256Schema,
  bytes: z.number().int().min(0),
  packed: packedFileSchema.optional(),
});

export const manifestSchema = z.looseObject({
  files: z.record(fileNameSchema, shippedFileSchema),
});

export type ShippedFile = z.output<typeof shippedFileSchema>;
export type PackedFile = z.output<typeof packedFileSchema>;
export type Manifest = z.output<typeof manifestSchema>;
