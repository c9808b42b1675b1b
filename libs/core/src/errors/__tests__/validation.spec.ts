import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsString,
  Min,
  MinLength,
  ValidateNested,
  ValidationError,
  validateSync,
} from 'class-validator';
import { FieldProblem, createValidationPipe, flattenValidationErrors } from '../validation';

function validationError(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  const error = new ValidationError();
  error.property = property;
  error.constraints = constraints;
  error.children = children;
  return error;
}

class ContactDto {
  @IsString()
  @MinLength(2)
  name!: string;

  @IsEmail()
  email!: string;
}

class AddressDto {
  @IsString()
  city!: string;
}

class MemberDto {
  @IsString()
  legalName!: string;

  @IsInt()
  @Min(1)
  seats!: number;

  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts!: ContactDto[];
}

function member(values: Partial<Record<keyof MemberDto, unknown>>): MemberDto {
  const dto = Object.assign(new MemberDto(), values);
  if (Array.isArray(values.contacts)) dto.contacts = values.contacts.map((c) => Object.assign(new ContactDto(), c));
  if (values.address) dto.address = Object.assign(new AddressDto(), values.address);
  return dto;
}

const validMember = {
  legalName: 'Acme',
  seats: 3,
  address: { city: 'Shanghai' },
  contacts: [{ name: 'Li', email: 'li@example.com' }],
};

/** Sorts problems so assertions do not depend on class-validator's constraint order. */
const normalise = (fields: FieldProblem[]) => fields.map((f) => ({ field: f.field, problems: [...f.problems].sort() }));

describe('flattenValidationErrors (hand-built errors)', () => {
  it.each<[string, ValidationError[], string, FieldProblem[]]>([
    ['no errors', [], '', []],
    [
      'a top-level field',
      [validationError('name', { isString: 'name must be a string' })],
      '',
      [{ field: 'name', problems: ['name must be a string'] }],
    ],
    [
      'several constraints on one field, in order',
      [validationError('seats', { isInt: 'seats must be an integer number', min: 'seats must not be less than 1' })],
      '',
      [{ field: 'seats', problems: ['seats must be an integer number', 'seats must not be less than 1'] }],
    ],
    [
      'a nested array element',
      [
        validationError('contacts', undefined, [
          validationError('0', undefined, [validationError('email', { isEmail: 'email must be an email' })]),
        ]),
      ],
      '',
      [{ field: 'contacts.0.email', problems: ['email must be an email'] }],
    ],
    [
      'a parent with its own constraint and nested children',
      [
        validationError('address', { isObject: 'address must be an object' }, [
          validationError('city', { isString: 'city must be a string' }),
        ]),
      ],
      '',
      [
        { field: 'address', problems: ['address must be an object'] },
        { field: 'address.city', problems: ['city must be a string'] },
      ],
    ],
    [
      'siblings at several depths, in input order',
      [
        validationError('legalName', { isString: 'legalName must be a string' }),
        validationError('contacts', undefined, [
          validationError('0', undefined, [validationError('name', { minLength: 'name too short' })]),
          validationError('2', undefined, [
            validationError('name', { isString: 'name must be a string' }),
            validationError('email', { isEmail: 'email must be an email' }),
          ]),
        ]),
      ],
      '',
      [
        { field: 'legalName', problems: ['legalName must be a string'] },
        { field: 'contacts.0.name', problems: ['name too short'] },
        { field: 'contacts.2.name', problems: ['name must be a string'] },
        { field: 'contacts.2.email', problems: ['email must be an email'] },
      ],
    ],
    [
      'an explicit parent path',
      [validationError('email', { isEmail: 'bad' })],
      'body.contacts.1',
      [{ field: 'body.contacts.1.email', problems: ['bad'] }],
    ],
    ['an error without constraints or children', [validationError('ghost')], '', []],
    [
      'an error whose children is undefined',
      [Object.assign(new ValidationError(), { property: 'x', constraints: { a: 'x is bad' }, children: undefined })],
      '',
      [{ field: 'x', problems: ['x is bad'] }],
    ],
  ])('%s', (_label, errors, parent, expected) => {
    expect(flattenValidationErrors(errors, parent)).toEqual(expected);
  });
});

describe('flattenValidationErrors (class-validator validateSync)', () => {
  it.each<[string, Partial<Record<keyof MemberDto, unknown>>, FieldProblem[]]>([
    ['a valid member', validMember, []],
    [
      'a bad email in the first contact',
      { ...validMember, contacts: [{ name: 'Li', email: 'not-an-email' }] },
      [{ field: 'contacts.0.email', problems: ['email must be an email'] }],
    ],
    [
      'problems in the second contact and the address',
      { ...validMember, address: { city: 42 }, contacts: [validMember.contacts[0], { name: 'L', email: 'x' }] },
      [
        { field: 'address.city', problems: ['city must be a string'] },
        { field: 'contacts.1.name', problems: ['name must be longer than or equal to 2 characters'] },
        { field: 'contacts.1.email', problems: ['email must be an email'] },
      ],
    ],
    [
      'top-level problems with several constraints',
      { ...validMember, legalName: 7, seats: 0.5 },
      [
        { field: 'legalName', problems: ['legalName must be a string'] },
        { field: 'seats', problems: ['seats must be an integer number', 'seats must not be less than 1'].sort() },
      ],
    ],
  ])('%s', (_label, values, expected) => {
    const fields = flattenValidationErrors(validateSync(member(values)));
    expect(normalise(fields).sort((a, b) => a.field.localeCompare(b.field))).toEqual(
      normalise(expected).sort((a, b) => a.field.localeCompare(b.field)),
    );
  });
});

describe('createValidationPipe exceptionFactory', () => {
  const factory = (createValidationPipe() as unknown as { exceptionFactory: (errors: ValidationError[]) => unknown })
    .exceptionFactory;

  it.each<[string, ValidationError[], string, FieldProblem[]]>([
    [
      'nested problems',
      [
        validationError('name', { isString: 'name must be a string' }),
        validationError('contacts', undefined, [
          validationError('0', undefined, [validationError('email', { isEmail: 'email must be an email' })]),
        ]),
      ],
      'name must be a string; email must be an email',
      [
        { field: 'name', problems: ['name must be a string'] },
        { field: 'contacts.0.email', problems: ['email must be an email'] },
      ],
    ],
    ['no readable problem', [validationError('ghost')], 'Validation failed', []],
  ])('builds a 400 with the named fields (%s)', (_label, errors, message, fields) => {
    const exception = factory(errors);
    expect(exception).toBeInstanceOf(BadRequestException);
    expect((exception as BadRequestException).getResponse()).toEqual({
      message,
      details: { code: 'validation_failed', fields },
    });
  });
});

describe('the global pipe refuses NUL characters before any DTO sees them', () => {
  const pipe = createValidationPipe();

  class ContactsDto {
    @ValidateNested({ each: true })
    @Type(() => ContactDto)
    contacts!: ContactDto[];
  }

  it.each<[string, unknown, 'body' | 'query' | 'param', string | undefined, ArgumentMetadata['metatype'], string]>([
    [
      'a nested body field',
      { contacts: [{ name: 'ok', email: 'a@b.cn' }, { name: 'a\u0000' }] },
      'body',
      undefined,
      ContactsDto,
      'contacts.1.name',
    ],
    ['a query value', { q: 'x', province: '\u0000' }, 'query', undefined, Object, 'province'],
    ['a path parameter', 'a\u0000', 'param', 'consortiumId', String, 'consortiumId'],
    ['a field of a named body part', { name: '\u0000' }, 'body', 'contact', ContactDto, 'contact.name'],
  ])('%s', async (_label, value, type, data, metatype, field) => {
    const refusal = await pipe.transform(value, { type, data, metatype }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BadRequestException);
    expect((refusal as BadRequestException).getResponse()).toEqual({
      message: `${field} must not contain NUL characters (\\u0000)`,
      details: {
        code: 'validation_failed',
        fields: [{ field, problems: [`${field} must not contain NUL characters (\\u0000)`] }],
      },
    });
  });

  it('lets clean values through to the DTO', async () => {
    const dto = await pipe.transform({ name: 'Li', email: 'li@example.com' }, { type: 'body', metatype: ContactDto });
    expect(dto).toBeInstanceOf(ContactDto);
  });

  it('leaves custom parameters (the request context) alone', async () => {
    const ctx = { note: 'a\u0000' };
    await expect(pipe.transform(ctx, { type: 'custom', metatype: Object })).resolves.toBe(ctx);
  });
});
