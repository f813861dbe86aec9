// The only importer of onnxruntime-web in the app. Each build is a separate chunk: a page on wasm
// never fetches the WebGPU (JSEP) build's JavaScript or its 28 MB wasm binary.
import type { OrtBuild } from '../lib/runtime/resolve-ort';
import type { OrtModule } from '../lib/runtime/ort-types';

/** The wasm build's binary as scripts/copy-vendor.cjs serves it (brotli on the wire where accepted). */
const ORT_WASM_URL = '/vendor/ort/ort-wasm-simd-threaded.wasm';

export async function importOrt(build: OrtBuild): Promise<OrtModule> {
  if (build === 'jsep') return (await import('onnxruntime-web')) as unknown as OrtModule;
  const ort = await import('onnxruntime-web/wasm');
  ort.env.wasm.wasmPaths = { wasm: ORT_WASM_URL };
  return ort as unknown as OrtModule;
}
