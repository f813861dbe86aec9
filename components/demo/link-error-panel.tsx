import { ErrorPanel } from '@/components/ui/error-panel';

/** A link that could not be opened as written: why, and a Dismiss. */
export function LinkErrorPanel({ message, onDismiss }: { message: string | null; onDismiss(): void }) {
  return message ? <ErrorPanel title="This link could not be opened as it was" message={message} action={{ label: 'Dismiss', run: onDismiss }} /> : null;
}
