import type { Metadata } from 'next';
import { PageClient } from '@/components/demo/page-client';

export const metadata: Metadata = { title: 'Your models · Task Vector Lab' };

export default function LabPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Your own checkpoints</h1>
      <p className="max-w-3xl">
        Load a pre-trained model and fine-tunes of it, or LoRA adapters (PEFT or kohya), as they come: a <code>.safetensors</code> file
        or a folder from your disk (picked or dropped, Hugging Face layout, sharded or not), an http(s) URL of a file or a repo folder,
        or a hub id <code>hf:owner/name[@revision]</code>. Headers are read first, so you see every tensor&apos;s name, shape and
        size and whether it fits this tab before any weight is downloaded. Local files stay in this tab; nothing is fetched
        until you give an address. The lab decomposes every weight matrix (LoRA adapters in factor form), compares each layer
        with chance, and lets you build an edit and download it, as weights or as an adapter in its own format.
      </p>
      <PageClient view="lab" />
    </div>
  );
}
