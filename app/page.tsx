import Link from 'next/link';

const cards = [
  { href: '/learn', title: 'Learn', text: 'Subspaces in 3-D, then synthetic task matrices decomposed live: eigenvalues, the threshold, shared and unique energy.' },
  { href: '/merge', title: 'Merge', text: 'Eight tiny image classifiers merged into one: task arithmetic, TIES, and the shared component as an extra task vector, scored live on test images.' },
  { href: '/style', title: 'Style', text: 'A tiny diffusion model drawing icons, fine-tuned per style: add two style task vectors, or mix only their unique parts with the shared part once, and compare the samples side by side.' },
  { href: '/detox', title: 'Detox', text: 'A tiny language model with a toxic and a polite fine-tune: negate the whole toxic task vector or only its unique part, and measure toxicity and fluency.' },
  { href: '/lab', title: 'Your models', text: 'Load your own .safetensors checkpoints (they never leave the tab), decompose them layer by layer, build an edit and download it.' },
];

export default function Home() {
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Task Vector Lab</h1>
      <p className="max-w-3xl text-lg">
        Fine-tuning moves a model&apos;s weights; the difference is a <em>task vector</em>. Task vectors of related tasks
        overlap. This lab splits each one, layer by layer, into a part <strong>shared</strong> with the other tasks and a part{' '}
        <strong>unique</strong> to it, so you can merge, mix or negate the parts separately. Everything computes in this tab.
      </p>
      <ul className="grid gap-4 sm:grid-cols-2">
        {cards.map((c) => (
          <li key={c.href} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <Link href={c.href} className="text-xl font-semibold hover:underline">
              {c.title} →
            </Link>
            <p className="mt-1 text-zinc-700 dark:text-zinc-300">{c.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
