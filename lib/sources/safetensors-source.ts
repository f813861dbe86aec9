import { decodeTensor, headerLength, parseSafetensorsHeader, type TensorInfo } from '../tensors/safetensors';
import type { Tensor } from '../tensors/weight-set';
import type { ByteSource } from './byte-source';
import { looksLikeMarkup } from './fetch-errors';
import { SourceError } from './source-ref';

export interface SafetensorsListing {
  source: ByteSource;
  tensors: TensorInfo[];
  metadata: Record<string, string>;
  /** Where the tensor data starts in the file. */
  dataStart: number;
}

/** Reads and validates only the header: names, shapes, dtypes and sizes before any tensor. */
export async function listSafetensors(source: ByteSource, signal?: AbortSignal): Promise<SafetensorsListing> {
  const first = await source.read(0, Math.min(64, source.size), signal);
  if (looksLikeMarkup(first)) throw new SourceError('the file is a web page (HTML), not a safetensors file: save or download the file itself, not the page about it');
  const headerLen = headerLength(first.subarray(0, 8), source.size);
  const dataStart = 8 + headerLen;
  const { tensors, metadata } = parseSafetensorsHeader(await source.read(8, dataStart, signal), source.size - dataStart);
  return { source, tensors, metadata, dataStart };
}

/** Fetches and decodes one tensor: its own bytes only. */
export async function readTensor(listing: SafetensorsListing, info: TensorInfo, signal?: AbortSignal): Promise<Tensor> {
  const bytes = await listing.source.read(listing.dataStart + info.begin, listing.dataStart + info.end, signal);
  return { shape: [...info.shape], data: decodeTensor(bytes, 0, info) };
}
