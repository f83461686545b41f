/** Paging over a JSON list endpoint, shared by the providers whose APIs page with a `Link` header. */
import { CulpritError } from '../errors';
import type { HttpClient } from './httpClient';
import type { HttpRequest } from './http.types';

type Query = HttpRequest['query'];

/**
 * Requests pages while `nextQuery` (given the response's `Link` header and the query just sent)
 * names another. Stops at `maxItems`, `maxPages`, an empty page or a query already sent.
 * `provider` names the API in the error for a body that is not a list.
 */
export async function fetchListPages(
  http: HttpClient,
  req: HttpRequest,
  limits: { maxItems: number; maxPages: number; provider: string },
  nextQuery: (link: string | undefined, sent: Query) => Query | null,
  /** Reads the first response's headers (the total a provider reports, for "20 of 130"). */
  onFirstPage?: (headers: Record<string, string>) => void,
): Promise<unknown[]> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let query = req.query;
  for (let page = 0; page < limits.maxPages && items.length < limits.maxItems; page++) {
    const res = await http.request({ ...req, query });
    if (page === 0) onFirstPage?.(res.headers);
    if (!Array.isArray(res.data)) {
      const what = `${limits.provider} ${req.method ?? 'GET'} ${req.path}`;
      throw new CulpritError('bad-response', `${what} did not return a list`, { endpoint: req.path });
    }
    items.push(...res.data);
    const next = nextQuery(res.headers.link, query);
    const key = next ? JSON.stringify(next) : '';
    if (!next || res.data.length === 0 || seen.has(key)) break;
    seen.add(key);
    query = next;
  }
  return items.slice(0, limits.maxItems);
}
