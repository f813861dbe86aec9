export function ErrorPanel({ title, message, action }: { title: string; message: string; action?: { label: string; run(): void } }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p className="font-semibold">{title}</p>
      <p className="whitespace-pre-wrap text-sm">{message}</p>
      {action && (
        <button onClick={action.run} className="mt-2 rounded bg-red-600 px-3 py-1 text-sm text-white">
          {action.label}
        </button>
      )}
    </div>
  );
}
