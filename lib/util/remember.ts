/** Map insertion order as recency: set `key`, then drop the oldest entries beyond `limit`. */
export function remember<V>(map: Map<string, V>, key: string, value: V, limit: number): V {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) map.delete(map.keys().next().value!);
  return value;
}
