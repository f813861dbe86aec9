/** Browser-side loading of the shipped val/test sets (public/data/merge/). Pure TypeScript: fetch is injectable. */
import { unpack } from '../../../manifest/delta-pack';
import { sha256Hex } from '../../../manifest/sha256';
import { type DataIndex, decodeImageSet, type ImageSet } from './dataset';

type Fetch = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer>; json(): Promise<unknown> }>;

async function get(url: string, fetchFn: Fetch) {
  const r = await fetchFn(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r;
}

/** index.json: tasks with class names and the files of each shipped split. */
export async function loadDataIndex(baseUrl = '/data/merge', fetchFn: Fetch = fetch as unknown as Fetch): Promise<DataIndex> {
  return (await (await get(`${baseUrl}/index.json`, fetchFn)).json()) as DataIndex;
}

/** One task's split ('val' or 'test') as an ImageSet. */
export async function loadTaskSplit(index: DataIndex, task: string, split: 'val' | 'test', baseUrl = '/data/merge', fetchFn: Fetch = fetch as unknown as Fetch): Promise<ImageSet> {
  const info = index.tasks.find((t) => t.name === task)?.files[split];
  if (!info) throw new Error(`no ${split} split for task "${task}"`);
  const packed = info.packed && (await readPacked(`${baseUrl}/${info.packed.file}`, info.packed, fetchFn));
  return decodeImageSet(packed || new Uint8Array(await (await get(`${baseUrl}/${info.file}`, fetchFn)).arrayBuffer()));
}

/** The packed split decoded and checked against the plain file's sha256; null (read the plain file) when it is not right. */
async function readPacked(url: string, packed: { bytes: number; sha256: string }, fetchFn: Fetch): Promise<Uint8Array | null> {
  try {
    const bytes = new Uint8Array(await (await get(url, fetchFn)).arrayBuffer());
    if (bytes.length !== packed.bytes) return null;
    const plain = unpack(bytes);
    return (await sha256Hex(plain)) === packed.sha256 ? plain : null;
  } catch {
    return null;
  }
}
