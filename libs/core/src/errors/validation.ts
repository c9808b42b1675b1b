import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { checkRequestValue } from '../validation/request-values';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens nested class-validator errors into dotted field paths (`contacts.0.email`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The one 400 of invalid input: `details: { code: 'validation_failed', fields }`. */
export function validationFailed(fields: FieldProblem[]): BadRequestException {
  const message = fields.flatMap((f) => f.problems).join('; ') || 'Validation failed';
  return new BadRequestException({ message, details: { code: 'validation_failed', fields } });
}

/**
 * The global pipe. Before any DTO sees a body, query or path parameter, refuses NUL
 * characters and absurd nesting anywhere in it (`checkRequestValue`), naming the
 * field; then validates the DTO and strips nothing silently: unknown fields are
 * rejected and named.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problems = checkRequestValue(value, metadata.data ?? '');
      if (problems.length > 0) {
        const byField = new Map<string, string[]>();
        for (const { field, problem } of problems) byField.set(field, [...(byField.get(field) ?? []), problem]);
        throw validationFailed([...byField].map(([field, list]) => ({ field, problems: list })));
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
