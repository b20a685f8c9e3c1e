/**
 * The value a new list item gets so that it clashes with none already there (a container's
 * name, a port number): the first of `start`, `next(start, 1)`, `next(…, 2)`… not taken.
 */
export function firstFree<T>(
  taken: Iterable<T>,
  start: T,
  next: (previous: T, attempt: number) => T,
): T {
  const used = new Set(taken);
  let value = start;
  for (let attempt = 1; used.has(value); attempt++) value = next(value, attempt);
  return value;
}
