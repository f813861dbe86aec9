import type { z } from 'zod';
import { describeIssue } from '../url-state/describe-issue';
import { unpack } from './delta-pack';
import { manifestSchema, type PackedFile } from './manifest-schema';
import { sha256Hex } from './sha256';

/** The slice of fetch a loader needs; Node scripts pass one that reads files from disk. */
export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

export class ModelFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

export interface ModelFolder<M> {
  manifest: M;
  /** A file the manifest lists, checked against its size and sha256. */
  read(file: string): Promise<ArrayBuffer>;
  /** A file the manifest does not list (written later, e.g. eval.json): read as is, or null when absent. */
  readUnlisted(file: string): Promise<ArrayBuffer | null>;
}

const defaultFetch: FetchLike = (url) => fetch(url);

async function get(url: string, file: string, fetchFn: FetchLike): Promise<ArrayBuffer> {
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await fetchFn(url);
  } catch (e) {
    throw new ModelFileError(file, `${url} could not be fetched (${(e as Error).message})`);
  }
  if (!res.ok) throw new ModelFileError(file, `${url} is missing (HTTP ${res.status})`);
  return res.arrayBuffer();
}

/**
 * Opens a model folder (e.g. "/models/merge"): reads manifest.json, checks it against `schema`
 * (which extends manifestSchema), and returns a reader that verifies every listed file.
 */
export async function openModelFolder<S extends typeof manifestSchema>(baseUrl: string, schema: S, fetchFn: FetchLike = defaultFetch): Promise<ModelFolder<z.output<S>>> {
  const raw = await get(`${baseUrl}/manifest.json`, 'manifest.json', fetchFn);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new ModelFileError('manifest.json', `${baseUrl}/manifest.json is not valid JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ModelFileError('manifest.json', `${baseUrl}/manifest.json: ${describeIssue(parsed.error.issues[0], json)}`);
  const manifest = parsed.data as z.output<S>;
  // A file may be read twice (a base, and a fine-tune packed against it): fetch it once.
  const reads = new Map<string, Promise<ArrayBuffer>>();
  const read = (file: string) => {
    if (!reads.has(file)) reads.set(file, readListed(file));
    return reads.get(file)!;
  };
  /** The packed form when the manifest has one and it arrives; null sends the caller to the plain file. */
  const readPacked = async (packed: PackedFile): Promise<ArrayBuffer | null> => {
    const bytes = await get(`${baseUrl}/${packed.file}`, packed.file, fetchFn).catch(() => null);
    if (!bytes || bytes.byteLength !== packed.bytes) return null;
    const reference = packed.against ? new Uint8Array(await read(packed.against)) : null;
    try {
      return unpack(new Uint8Array(bytes), reference).buffer as ArrayBuffer;
    } catch {
      return null;
    }
  };
  const readListed = async (file: string): Promise<ArrayBuffer> => {
    const entry = manifest.files[file];
    if (!entry) throw new ModelFileError(file, `${baseUrl}/manifest.json does not list ${file}`);
    const bytes = (entry.packed && (await readPacked(entry.packed))) || (await get(`${baseUrl}/${file}`, file, fetchFn));
    if (bytes.byteLength !== entry.bytes)
      throw new ModelFileError(file, `${baseUrl}/${file} is corrupt: ${bytes.byteLength} bytes, the manifest says ${entry.bytes}`);
    const hash = await sha256Hex(bytes);
    if (hash !== entry.sha256) throw new ModelFileError(file, `${baseUrl}/${file} is corrupt: its sha256 is ${hash.slice(0, 12)}…, the manifest says ${entry.sha256.slice(0, 12)}…`);
    return bytes;
  };
  return {
    manifest,
    read,
    async readUnlisted(file) {
      try {
        const res = await fetchFn(`${baseUrl}/${file}`);
        return res.ok ? await res.arrayBuffer() : null;
      } catch {
        return null;
      }
    },
  };
}

/** Reads a file from disk-like or HTTP folders as JSON. */
export const parseJson = <T>(bytes: ArrayBuffer): T => JSON.parse(new TextDecoder().decode(bytes)) as T;
