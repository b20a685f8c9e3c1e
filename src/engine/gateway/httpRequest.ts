/**
 * An HTTP request as a gateway or an L7 proxy reads it: scheme, host, port, path, query,
 * method and headers. Header names compare case-insensitively (RFC 9110, section 5.1); query
 * parameter names compare exactly (the Gateway API's HTTPQueryParamMatch).
 */
import type { HTTPHeader } from './gatewaySpec.ts';

export interface HttpRequest {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  /** The path without the query, starting with `/`. */
  readonly path: string;
  readonly query: readonly HTTPHeader[];
  readonly method: string;
  readonly headers: readonly HTTPHeader[];
}

/** The first value of a header, by case-insensitive name. */
export function headerValue(req: Pick<HttpRequest, 'headers'>, name: string): string | undefined {
  const n = name.toLowerCase();
  return req.headers.find((h) => h.name.toLowerCase() === n)?.value;
}

/** The first value of a query parameter, by exact name. */
export function queryValue(req: Pick<HttpRequest, 'query'>, name: string): string | undefined {
  return req.query.find((q) => q.name === name)?.value;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** `a=1&b=2` as name/value pairs, in order. */
export function parseQuery(text: string): HTTPHeader[] {
  const q = text.startsWith('?') ? text.slice(1) : text;
  if (!q) return [];
  return q
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0
        ? { name: decode(p), value: '' }
        : { name: decode(p.slice(0, eq)), value: decode(p.slice(eq + 1)) };
    });
}

export function formatQuery(query: readonly HTTPHeader[]): string {
  return query.map((q) => `${encodeURIComponent(q.name)}=${encodeURIComponent(q.value)}`).join('&');
}

/** A `Name: value` header line, or undefined when it has no name. */
export function parseHeaderLine(line: string): HTTPHeader | undefined {
  const colon = line.indexOf(':');
  const name = (colon < 0 ? line : line.slice(0, colon)).trim();
  if (!name || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return undefined;
  return { name, value: colon < 0 ? '' : line.slice(colon + 1).trim() };
}

/**
 * Reads `http(s)://host[:port]/path?query` into a request with the given method and headers;
 * undefined when the text is not such a URL.
 */
export function parseHttpUrl(
  text: string,
  method = 'GET',
  headers: readonly HTTPHeader[] = [],
): HttpRequest | undefined {
  const m = /^(https?):\/\/([^/:?#\s]+)(?::(\d{1,5}))?([^?#\s]*)(\?[^#\s]*)?/i.exec(text.trim());
  if (!m) return undefined;
  const scheme = m[1].toLowerCase() as 'http' | 'https';
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return undefined;
  return {
    scheme,
    host: m[2].toLowerCase(),
    port,
    path: m[4] || '/',
    query: parseQuery(m[5] ?? ''),
    method: method.toUpperCase(),
    headers,
  };
}

/** The request line's target: path and query. */
export function requestTarget(req: Pick<HttpRequest, 'path' | 'query'>): string {
  return req.query.length > 0 ? `${req.path}?${formatQuery(req.query)}` : req.path;
}
