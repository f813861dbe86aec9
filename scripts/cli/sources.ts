// Model sources for the CLI: the same loader as the page (lib/sources), with a folder on disk
// read by slices through node:fs.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ByteSource } from '../../lib/sources/byte-source';
import { openCheckpoint, type CheckpointListing, type FolderReader } from '../../lib/sources/open-checkpoint';
import { openRemote } from '../../lib/sources/open-source';
import { readCheckpoint } from '../../lib/sources/read-checkpoint';
import { DEFAULT_HUB_URL } from '../../lib/sources/source-ref';
import type { WeightSet } from '../../lib/tensors/weight-set';

function fileSource(path: string): ByteSource {
  const size = statSync(path).size;
  return {
    name: path,
    size,
    ranged: true,
    async read(begin, end) {
      const fd = openSync(path, 'r');
      try {
        const out = new Uint8Array(end - begin);
        readSync(fd, out, 0, out.length, begin);
        return out;
      } finally {
        closeSync(fd);
      }
    },
  };
}

function diskFolder(dir: string): FolderReader {
  return {
    label: dir,
    exists: async (f) => existsSync(join(dir, f)),
    open: async (f) => fileSource(join(dir, f)),
    text: async (f) => readFileSync(join(dir, f), 'utf8'),
  };
}

const isRemote = (arg: string) => /^(hf:|https?:\/\/)/.test(arg);

/** Opens a --base / --task argument: a .safetensors file, a folder, a URL or hf:owner/name[@rev]. */
export async function openSourceArg(arg: string, hubUrl = DEFAULT_HUB_URL): Promise<CheckpointListing> {
  if (isRemote(arg)) return openRemote(arg, { hubUrl });
  if (!existsSync(arg)) throw new Error(`${arg}: no such file or folder`);
  if (statSync(arg).isDirectory()) return openCheckpoint(diskFolder(arg));
  return openCheckpoint(diskFolder(dirname(arg)), { kind: 'single', file: basename(arg) });
}

/** Every tensor, read one by one from the listing. */
export const readAllTensors = (c: CheckpointListing): Promise<WeightSet> => readCheckpoint(c);
