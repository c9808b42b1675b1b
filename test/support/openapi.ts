import { HttpClient } from './http-client';

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. `/api/v1/consortia/{consortiumId}`. */
  path: string;
  key: string;
  params: string[];
}

/** Every operation the running API documents (the isolation and access suites walk these). */
export async function listOperations(http: HttpClient): Promise<Operation[]> {
  const document = await http.get('/api/docs-json');
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.body.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
      });
    }
  }
  return operations;
}

export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`No value for path parameter {${name}}: add one to the suite's fixtures`);
    return values[name];
  });
}
