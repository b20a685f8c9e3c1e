/** How a text field reads what was typed: a value, or the reason it is not one. */
export type Parsed<T> = { readonly value: T } | { readonly error: string };

export const asText = (text: string): Parsed<string> => ({ value: text });
export const optionalText = (text: string): Parsed<string | undefined> => ({
  value: text.trim() === '' ? undefined : text.trim(),
});
/** A comma-separated list, trimmed, without empty entries. */
export const commaList = (text: string): Parsed<string[]> => ({
  value: text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
});
export function withCheck<T>(
  parse: (text: string) => Parsed<T>,
  check: (value: T) => string | null,
): (text: string) => Parsed<T> {
  return (text) => {
    const parsed = parse(text);
    if ('error' in parsed) return parsed;
    const error = check(parsed.value);
    return error ? { error } : parsed;
  };
}
