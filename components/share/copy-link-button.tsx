'use client';
import { useState } from 'react';
import { flushPendingLink } from '@/hooks/use-url-state';

/** Copies the current URL (the page's whole state); shows the link too, for when the clipboard is blocked. */
export function CopyLinkButton() {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    flushPendingLink();
    const link = window.location.href;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(`Copied (${link.length} characters)`);
    } catch {
      setCopied('Copy the link from the box');
    }
    window.setTimeout(() => setCopied(null), 4000);
  };
  return (
    <div className="flex items-center gap-2">
      <button onClick={copy} data-testid="copy-link" className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-600">
        Copy link
      </button>
      {copied && (
        <span role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {copied}
        </span>
      )}
    </div>
  );
}
