import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { EngineProvider } from '@/components/engine/engine-provider';
import { EngineStoppedBanner } from '@/components/engine/engine-stopped-banner';
import { SiteHeader } from '@/components/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: 'Task Vector Lab',
  description: 'Split task vectors into shared and unique parts, then merge, mix or negate them, in your browser.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <EngineProvider>
          <SiteHeader />
          <EngineStoppedBanner />
          <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
        </EngineProvider>
      </body>
    </html>
  );
}
