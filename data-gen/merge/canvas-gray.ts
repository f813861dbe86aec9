/** Node-only: a reusable 28x28 canvas and its red channel as grayscale bytes. */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { IMAGE_SIZE, PIXELS } from '../../lib/demos/merge/dataset/dataset';

const canvas = createCanvas(IMAGE_SIZE, IMAGE_SIZE);
const ctx = canvas.getContext('2d');

export function drawGray(paint: (g: SKRSContext2D) => void): Uint8Array {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = 'black';
  ctx.fillRect(0, 0, IMAGE_SIZE, IMAGE_SIZE);
  ctx.save();
  paint(ctx);
  ctx.restore();
  const rgba = ctx.getImageData(0, 0, IMAGE_SIZE, IMAGE_SIZE).data;
  const out = new Uint8Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) out[i] = rgba[4 * i];
  return out;
}
