'use client';

/** Never a blank page: any render error lands here with a way back. */
export default function ErrorPage({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3 rounded border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <h1 className="text-xl font-bold">Something went wrong</h1>
      <p>{error.message}</p>
      <button onClick={reset} className="rounded bg-red-600 px-3 py-1 text-white">
        Try again
      </button>
    </div>
  );
}
