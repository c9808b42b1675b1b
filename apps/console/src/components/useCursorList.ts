import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

/** The API's list answer (`?limit=&cursor=` → `{ items, nextCursor }`; some lists add `total`). */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
  total?: number;
}

export type Filters = Record<string, string | undefined>;

export interface CursorListOptions<T> {
  /** Identifies the list in the query cache, e.g. `['organizations', consortiumId]`. */
  queryKey: readonly unknown[];
  fetchPage(args: {
    filters: Filters;
    sort: string | undefined;
    limit: number;
    cursor: string | undefined;
  }): Promise<Page<T>>;
  defaultSort?: string;
  pageSize?: number;
  /** False while something the list depends on is still loading (nothing is fetched). */
  enabled?: boolean;
}

const RESERVED = new Set(['sort', 'limit']);

/**
 * A server-side list: filters and sort live in the URL (a reload or a shared link shows the
 * same list), pages follow the API's opaque keyset cursors — forwards with nextCursor,
 * backwards through the cursors already seen. Changing a filter or the sort starts again at page 1.
 */
export function useCursorList<T>(options: CursorListOptions<T>) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const found: Filters = {};
    for (const [key, value] of params) if (!RESERVED.has(key) && value !== '') found[key] = value;
    return found;
  }, [params]);
  const sort = params.get('sort') ?? options.defaultSort;
  const limit = Number(params.get('limit')) || options.pageSize || 20;
  const listKey = JSON.stringify([filters, sort, limit]);

  // Cursors of the pages seen so far for this filter/sort: index 0 is the first page (no cursor).
  const [trail, setTrail] = useState<{ key: string; cursors: Array<string | undefined> }>({
    key: listKey,
    cursors: [undefined],
  });
  const cursors = trail.key === listKey ? trail.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];

  const query = useQuery({
    queryKey: [...options.queryKey, 'list', filters, sort, limit, cursor],
    queryFn: () => options.fetchPage({ filters, sort, limit, cursor }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

  const update = useCallback(
    (changes: Record<string, string | undefined>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const setFilters = useCallback(
    (next: Filters) => {
      const cleared = Object.fromEntries([...params.keys()].filter((k) => !RESERVED.has(k)).map((k) => [k, undefined]));
      update({ ...cleared, ...next });
    },
    [params, update],
  );

  const nextCursor = query.data?.nextCursor ?? null;
  return {
    items: query.data?.items ?? [],
    total: query.data?.total,
    loading: query.isPending,
    fetching: query.isFetching,
    error: query.error,
    refetch: query.refetch,
    filters,
    setFilters,
    sort,
    setSort: (next: string | undefined) => update({ sort: next }),
    limit,
    setLimit: (next: number) => update({ limit: String(next) }),
    /** 1-based. */
    page: cursors.length,
    hasNext: nextCursor !== null && !query.isPlaceholderData,
    hasPrevious: cursors.length > 1,
    next: () => nextCursor && setTrail({ key: listKey, cursors: [...cursors, nextCursor] }),
    previous: () => setTrail({ key: listKey, cursors: cursors.slice(0, -1) }),
  };
}

export type CursorList<T> = ReturnType<typeof useCursorList<T>>;
