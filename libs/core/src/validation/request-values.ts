/** Deeper than any request DTO nests; a value nested further is refused as a whole. */
export const MAX_REQUEST_DEPTH = 32;

export interface RequestValueProblem {
  /** Dotted path of the offending value (`contacts.0.name`). */
  field: string;
  problem: string;
}

// A UTF-16 surrogate without its pair: not a character (String.prototype.isWellFormed is ES2024).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Checks a parsed body, query or path parameter before any DTO sees it. No string (nor
 * property name) may hold a NUL character (U+0000): PostgreSQL cannot store it in text
 * and no field of the API means it. No string may hold a lone surrogate: JSON can write
 * one, it is no text, and validators that re-encode strings throw on it (a 500). Nothing
 * may nest deeper than `MAX_REQUEST_DEPTH`, so a hostile body cannot exhaust the stack
 * of the recursive transformers and validators behind it (this walk is iterative).
 */
export function checkRequestValue(value: unknown, root = ''): RequestValueProblem[] {
  const problems: RequestValueProblem[] = [];
  const named = (path: string) => path || 'value';
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop() as (typeof pending)[number];
    if (typeof current === 'string') {
      if (current.includes('\u0000')) {
        problems.push({ field: named(path), problem: `${named(path)} must not contain NUL characters (\\u0000)` });
      }
      if (LONE_SURROGATE.test(current)) {
        problems.push({
          field: named(path),
          problem: `${named(path)} must be well-formed text (it holds a lone surrogate)`,
        });
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_REQUEST_DEPTH) {
      problems.push({
        field: named(path),
        problem: `${named(path)} is nested more than ${MAX_REQUEST_DEPTH} levels deep`,
      });
      continue;
    }
    const children: typeof pending = [];
    for (const [key, child] of Array.isArray(current) ? current.entries() : Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : String(key);
      if (typeof key === 'string' && key.includes('\u0000')) {
        const shown = childPath.replaceAll('\u0000', '\\u0000');
        problems.push({
          field: shown,
          problem: `the property name ${shown} must not contain NUL characters (\\u0000)`,
        });
      } else {
        children.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
    // A stack: pushed in reverse, the children are visited in document order (no spread:
    // an array of a million items would overflow the argument list).
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index]);
  }
  return problems;
}
