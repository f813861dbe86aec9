// The only importer of onnxruntime-web in the app. Each build is a separate chunk: a page on wasm
// never fetches the WebGPU (JSEP) build's JavaScript or its 28 MB wasm binary.
import type { OrtBuild } from '../lib/runtime/resolve-ort';
import type { OrtModule } from '../lib/runtime/ort-types';

export async function importOrt(build: OrtBuild): Promise<OrtModule> {
  const ort = build === 'jsep' ? await import('onnxruntime-web') : await import('onnxruntime-web/wasm');
  return ort as unknown as OrtModule;
}
