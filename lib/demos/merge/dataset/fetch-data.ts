/** Browser-side loading of the shipped val/test sets (public/data/merge/). Pure TypeScript: fetch is injectable. */
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
  return decodeImageSet(new Uint8Array(await (await get(`${baseUrl}/${info.file}`, fetchFn)).arrayBuffer()));
}
