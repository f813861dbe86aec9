import { useEffect, useState } from 'react';
import type { z } from 'zod';

/** A results file the evaluation wrote (served from public/data), fetched and checked against its schema. */
export function useResultsFile<S extends z.ZodType>(url: string, schema: S): { data: z.infer<S> | null; error: string | null } {
  const [data, setData] = useState<z.infer<S> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch(url)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${url}: HTTP ${r.status}`))))
      .then((j) => setData(schema.parse(j)))
      .catch((e: Error) => setError(e.message));
  }, [url, schema]);
  return { data, error };
}
