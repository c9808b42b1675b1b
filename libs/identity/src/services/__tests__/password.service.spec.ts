import { MIN_PASSWORD_LENGTH, PasswordService, passwordProblem } from '../password.service';
import { IdentityException } from '../../exceptions/identity.exception';

const TOO_SHORT = `password must be at least ${MIN_PASSWORD_LENGTH} characters`;
const TOO_LONG = 'password must be at most 200 characters';
const COMMON = 'password is too common';
const FEW_DISTINCT = 'password has too few distinct characters';

describe('passwordProblem', () => {
  it('requires at least 10 characters', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
  });

  it.each<[string, string, string | undefined]>([
    // too short
    ['empty', '', TOO_SHORT],
    ['5 characters', 'short', TOO_SHORT],
    ['9 characters', 'Abcdefgh1', TOO_SHORT],
    ['9 CJK characters', '产教联合体密码很好', TOO_SHORT],
    // too long
    ['201 characters', `Ab1-${'x'.repeat(197)}`, TOO_LONG],
    ['500 characters', 'Qz7!'.repeat(125), TOO_LONG],
    // common (case-insensitive)
    ['1234567890', '1234567890', COMMON],
    ['qwertyuiop', 'qwertyuiop', COMMON],
    ['QWERTYUIOP (upper case)', 'QWERTYUIOP', COMMON],
    ['Password123 (mixed case)', 'Password123', COMMON],
    ['PASSWORD1234', 'PASSWORD1234', COMMON],
    ['P@ssw0rd123', 'P@ssw0rd123', COMMON],
    ['Chanjiao2026', 'Chanjiao2026', COMMON],
    ['administrator', 'administrator', COMMON],
    ['woaini1314', 'woaini1314', COMMON],
    // too few distinct characters
    ['one character repeated', 'aaaaaaaaaaaa', FEW_DISTINCT],
    ['three distinct characters', 'abcabcabcabc', FEW_DISTINCT],
    ['three distinct, long', 'xy!'.repeat(20), FEW_DISTINCT],
    // acceptable
    ['exactly 10 characters', 'Tq8-vLm2Zp', undefined],
    ['exactly 200 characters', `Ab1-${'x'.repeat(196)}`, undefined],
    ['four distinct characters', 'abcdabcdab', undefined],
    ['a passphrase', 'correct horse battery staple', undefined],
    ['CJK passphrase', '无锡物联网产教联合体密码', undefined],
    ['a common password with a suffix', '1234567890x', undefined],
    ['the test admin password', 'Test-Admin-Password-1', undefined],
  ])('%s', (_label, password, expected) => {
    expect(passwordProblem(password)).toBe(expected);
  });
});

describe('PasswordService', () => {
  // Cheap hashing parameters: the policy is what is under test here.
  const service = new PasswordService({
    auth: { passwordHashing: { memoryKib: 1024, iterations: 1 } },
  } as unknown as ConstructorParameters<typeof PasswordService>[0]);

  it('refuses a weak password with weak_password naming the field', () => {
    let thrown: unknown;
    try {
      service.assertAcceptable('short');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IdentityException);
    expect((thrown as IdentityException).code).toBe('weak_password');
    expect((thrown as IdentityException).httpStatus).toBe(422);
    expect((thrown as IdentityException).message).toBe(TOO_SHORT);
  });

  it('accepts a good password', () => {
    expect(() => service.assertAcceptable('correct horse battery staple')).not.toThrow();
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await service.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(service.verify(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(service.verify(hash, 'correct horse battery stapl')).resolves.toBe(false);
  });

  it('answers false for an unknown account (no hash) and for a malformed hash', async () => {
    await expect(service.verify(undefined, 'anything at all')).resolves.toBe(false);
    await expect(service.verify('not-a-hash', 'anything at all')).resolves.toBe(false);
  });

  it('generates acceptable, distinct one-time passwords', () => {
    const a = service.generateInitial();
    const b = service.generateInitial();
    expect(a).not.toBe(b);
    expect(passwordProblem(a)).toBeUndefined();
  });
});
