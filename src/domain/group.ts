/** Grouping helper for the domain's aggregations, which run over whole portfolios (tens of thousands of items). */

/** Appends `value` to the list under `key`: linear overall, where re-spreading the list per item is quadratic. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
