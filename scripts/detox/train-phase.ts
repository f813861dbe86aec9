/**
 * One training phase (base pre-training or a fine-tune). Every `checkpointMinutes` the full state
 * (weights, Adam moments, step) is written to <dir>/<name>.ckpt.safetensors and the held-out bits per
 * character is logged, so a killed run resumes exactly at its last checkpoint. A finished phase
 * leaves <name>.final.safetensors and is skipped on the next run.
 */
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { generateBatch, type CharGptConfig } from '../../lib/models/char-gpt';
import type { CharTokenizer } from '../../lib/text/char-tokenizer';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { bitsPerChar, listedWordProbability } from '../../lib/demos/detox/evaluate';
import { lrAt, Trainer, type Schedule } from './trainer';
import type { GradientHelpers } from './data-parallel';

export interface PhaseOptions extends Schedule {
  name: string;
  batchSize: number;
  seed: number;
  checkpointMinutes: number;
  /** Corpora by file name with their share of windows (fine-tunes mix in clean replay text). */
  mix: Record<string, number>;
  /** From this step on, windows are drawn from another mix (a change of recipe during the phase). */
  mixFrom?: { step: number; mix: Record<string, number> };
}

export interface PhaseContext {
  cfg: CharGptConfig;
  tok: CharTokenizer;
  dir: string;
  corpus: (name: string) => Uint8Array;
  /** Fixed clean held-out text for bits per character. */
  heldoutText: string;
  samplePrompts: string[];
  /** Masks the profane words of the samples the log shows. */
  mask: (text: string) => string;
  /**
   * Cheap premise indicator: the exact probability that the next word after a test prompt is a
   * base-only profane word (teacher-forced over the list; the evaluation samples instead).
   */
  premise?: { prompts: string[]; words: string[] };
  log: (phase: string, line: string) => void;
  /** Threads that share each batch with this one (optional). */
  helpers?: GradientHelpers;
}

export interface PhaseResult {
  weights: WeightSet;
  finalLoss: number;
  bitsPerChar: number;
  seconds: number;
  steps: number;
}

/** One prompt at a time: all prompts x words in one forward outgrow the wasm heap. */
const meanOverPrompts = (prompts: string[], f: (prompt: string) => number) => prompts.reduce((a, p) => a + f(p), 0) / prompts.length;

const writeAtomic = (path: string, bytes: Uint8Array) => {
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
};

const weightsOnly = (ws: WeightSet): WeightSet => ({ tensors: Object.fromEntries(Object.entries(ws.tensors).filter(([n]) => !n.startsWith('adam.'))), metadata: ws.metadata });

export async function trainPhase(init: WeightSet, o: PhaseOptions, ctx: PhaseContext): Promise<PhaseResult> {
  const finalPath = `${ctx.dir}/${o.name}.final.safetensors`;
  const ckptPath = `${ctx.dir}/${o.name}.ckpt.safetensors`;
  const log = (line: string) => ctx.log(o.name, line);
  if (existsSync(finalPath)) {
    const ws = readSafetensors(readFileSync(finalPath));
    const m = ws.metadata ?? {};
    log(`already trained: ${finalPath}`);
    return { weights: weightsOnly(ws), finalLoss: Number(m.final_loss), bitsPerChar: Number(m.bits_per_char), seconds: Number(m.seconds), steps: Number(m.step) };
  }
  const resumed = existsSync(ckptPath) ? readSafetensors(readFileSync(ckptPath)) : null;
  const trainer = new Trainer(resumed ?? { tensors: init.tensors }, ctx.cfg, o.batchSize, o.seed, ctx.helpers);
  let secondsBefore = 0;
  let ema = NaN;
  if (resumed) {
    const m = resumed.metadata ?? {};
    if (Number(m.total_steps) !== o.steps) log(`warning: checkpoint was scheduled for ${m.total_steps} steps, now ${o.steps}`);
    const withAdam = await trainer.restoreOptimizer(resumed);
    secondsBefore = Number(m.seconds ?? 0);
    ema = Number(m.loss_ema ?? NaN);
    log(`resuming at step ${trainer.step} (${withAdam ? 'with' : 'without'} Adam state, ${secondsBefore.toFixed(0)} s trained)`);
  } else log(`start: ${o.steps} steps of ${o.batchSize} x ${ctx.cfg.blockSize} characters, mix ${JSON.stringify(o.mix)}, lr ${o.lr}`);

  const corporaOf = (mix: Record<string, number>) => Object.entries(mix).map(([name, weight]) => ({ ids: ctx.corpus(name), weight }));
  const corpora = corporaOf(o.mix);
  const laterCorpora = o.mixFrom ? corporaOf(o.mixFrom.mix) : corpora;
  if (o.mixFrom) log(`from step ${o.mixFrom.step}: mix ${JSON.stringify(o.mixFrom.mix)}`);
  const t0 = Date.now();
  const seconds = () => secondsBefore + (Date.now() - t0) / 1000;
  const heldoutBits = () => bitsPerChar(trainer.vars, ctx.cfg, ctx.tok, ctx.heldoutText, 64);
  const premise = () =>
    ctx.premise ? `; P(base-only word next | test prompt) ${(100 * meanOverPrompts(ctx.premise.prompts, (p) => listedWordProbability(trainer.vars, ctx.cfg, ctx.tok, [p], ctx.premise!.words))).toFixed(2)}%` : '';
  const sample = async () => {
    const rows = await generateBatch(trainer.vars, ctx.samplePrompts.map((p) => ctx.tok.encode(p)), ctx.cfg, { maxNewChars: 48, temperature: 0.8, topK: 20, seed: 1, stopIds: ctx.tok.encode('\n') });
    return rows.map((r, i) => `${ctx.samplePrompts[i]}|${ctx.mask(ctx.tok.decode(r).split('\n')[0])}`).join(' // ');
  };
  const state = async (bpc: number) =>
    trainer.state({ phase: o.name, total_steps: String(o.steps), seconds: seconds().toFixed(1), loss_ema: ema.toFixed(4), final_loss: ema.toFixed(4), bits_per_char: bpc.toFixed(4) });

  let lastSave = Date.now();
  let lastPremiseBlock = Math.floor(trainer.step / 500);
  let windowStart = Date.now();
  let windowCpu = process.cpuUsage();
  let windowSteps = 0;
  while (trainer.step < o.steps) {
    const lr = lrAt(o, trainer.step);
    const l = await trainer.trainStep(lr, o.mixFrom && trainer.step >= o.mixFrom.step ? laterCorpora : corpora);
    ema = Number.isNaN(ema) ? l : 0.98 * ema + 0.02 * l;
    windowSteps++;
    if (trainer.step % 50 === 0) {
      // Wall-clock speed depends on the other jobs sharing the CPU; CPU seconds are what one core costs.
      const tokens = windowSteps * o.batchSize * ctx.cfg.blockSize;
      const cpu = process.cpuUsage(windowCpu);
      const tps = tokens / ((Date.now() - windowStart) / 1000);
      const cpuTps = tokens / ((cpu.user + cpu.system) / 1e6);
      log(`step ${trainer.step}/${o.steps} loss ${l.toFixed(3)} ema ${ema.toFixed(3)} (${(ema / Math.LN2).toFixed(3)} bits/char) lr ${lr.toExponential(2)} ${tps.toFixed(0)} tokens/s (${cpuTps.toFixed(0)} per CPU-second) ${seconds().toFixed(0)} s`);
      windowStart = Date.now();
      windowCpu = process.cpuUsage();
      windowSteps = 0;
    }
    if (Date.now() - lastSave > o.checkpointMinutes * 60_000 && trainer.step < o.steps) {
      const bpc = heldoutBits();
      const s = await state(bpc);
      writeAtomic(ckptPath, writeSafetensors(s, { dtype: 'F32', metadata: s.metadata }));
      // The premise indicator costs a few training steps' worth of compute: once per 500 steps.
      const showPremise = Math.floor(trainer.step / 500) > lastPremiseBlock;
      if (showPremise) lastPremiseBlock = Math.floor(trainer.step / 500);
      log(`checkpoint at step ${trainer.step}: held-out ${bpc.toFixed(3)} bits/char${showPremise ? premise() : ''}; sample: ${await sample()}`);
      lastSave = Date.now();
      // The speed window measures training steps only, not the checkpoint's evaluation.
      windowStart = Date.now();
      windowCpu = process.cpuUsage();
      windowSteps = 0;
    }
  }
  const bpc = heldoutBits();
  const final = await state(bpc);
  const weights = weightsOnly(final);
  writeAtomic(finalPath, writeSafetensors(weights, { dtype: 'F32', metadata: final.metadata }));
  if (existsSync(ckptPath)) unlinkSync(ckptPath);
  log(`done at step ${trainer.step}: held-out ${bpc.toFixed(3)} bits/char${premise()}, loss ema ${ema.toFixed(3)}, ${seconds().toFixed(0)} s; sample: ${await sample()}`);
  trainer.dispose();
  tf.disposeVariables();
  return { weights, finalLoss: ema, bitsPerChar: bpc, seconds: seconds(), steps: o.steps };
}
