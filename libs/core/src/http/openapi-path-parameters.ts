import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = { parameters?: Array<{ name?: string; in?: string; $ref?: string }> };
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * OpenAPI requires every `{name}` of a path template to be declared as a path parameter.
 * Tenant routes read `:consortiumId` in the access guard rather than through `@Param()`, so
 * Nest leaves it out; this declares each missing one (a string, a UUID for `…Id`), which
 * typed clients generated from the document need.
 */
export function declarePathParameters(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const declared = new Set((operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
      const missing = names.filter((name) => !declared.has(name));
      if (missing.length === 0) continue;
      operation.parameters = [
        ...missing.map((name) => ({
          name,
          in: 'path',
          required: true,
          schema: name.endsWith('Id') ? { type: 'string', format: 'uuid' } : { type: 'string' },
        })),
        ...(operation.parameters ?? []),
      ];
    }
  }
  return document;
}
