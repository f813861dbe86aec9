// Serves a virtual GPT-2-small-shaped sharded checkpoint at <url>/gpt2/ until killed; prints the URL.
// `tsx scripts/sources/serve-gpt2.mts [latencyMs]`. Its own process, so the benchmark measures
// only the client's memory.
import { GPT2_SMALL, gpt2Shaped } from './gpt2-shaped';
import { startModelServer } from './model-server';

const latencyMs = Number(process.argv[2] ?? 0);
const { url } = await startModelServer(gpt2Shaped(GPT2_SMALL, '/gpt2'), { latencyMs });
console.log(url);
