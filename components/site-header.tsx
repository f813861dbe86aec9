import Link from 'next/link';
import { BackendBadge } from './engine/backend-badge';

const pages = [
  { href: '/learn', label: 'Learn' },
  { href: '/merge', label: 'Merge' },
  { href: '/style', label: 'Style' },
  { href: '/detox', label: 'Detox' },
  { href: '/lab', label: 'Your models' },
];

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <nav className="flex flex-wrap items-center gap-x-5 gap-y-1" aria-label="Main">
          <Link href="/" className="whitespace-nowrap text-lg font-bold">
            Task Vector Lab
          </Link>
          {pages.map((p) => (
            <Link key={p.href} href={p.href} className="whitespace-nowrap text-zinc-700 hover:underline dark:text-zinc-300">
              {p.label}
            </Link>
          ))}
        </nav>
        <BackendBadge />
      </div>
    </header>
  );
}
