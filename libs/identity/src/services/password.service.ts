import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@chanjiao/core';
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { IdentityErrorCode, IdentityException } from '../exceptions/identity.exception';

export const MIN_PASSWORD_LENGTH = 10;

/** A small list of passwords people pick; long enough to pass the length rule, so checked by name. */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  '1111111111',
  '0000000000',
  '1q2w3e4r5t',
  'qwertyuiop',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou12',
  'abcdefghij',
  'abc1234567',
  'qwerty1234',
  'qwerty12345',
  'admin12345',
  'administrator',
  'welcome123',
  'letmein123',
  'football123',
  'changeme123',
  'changeme!!',
  'aa12345678',
  'a123456789',
  'woaini1314',
  'woaini520',
  '5201314520',
  'zxcvbnm123',
  'asdfghjkl1',
  '123qweasdzxc',
  'p@ssw0rd123',
  'chanjiao123',
  'chanjiao2026',
  'superman123',
]);

/** Why a password is refused, or `undefined` when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return 'password must be at most 200 characters';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'password is too common';
  if (new Set(password).size < 4) return 'password has too few distinct characters';
  return undefined;
}

/** argon2id hashing, the password policy, and one-time initial passwords. */
@Injectable()
export class PasswordService {
  private readonly options: argon2.HashOptions & { raw?: false };
  /** Hash of a random string, verified against when an email is unknown so timing does not tell. */
  private readonly decoy: Promise<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { memoryKib, iterations } = config.auth.passwordHashing;
    this.options = { type: argon2.argon2id, memoryCost: memoryKib, timeCost: iterations, parallelism: 1 };
    this.decoy = argon2.hash(randomBytes(16).toString('hex'), this.options);
  }

  assertAcceptable(password: string, field = 'password'): void {
    const problem = passwordProblem(password);
    if (problem) {
      throw new IdentityException(IdentityErrorCode.WeakPassword, problem.replace(/^password/, field), { field });
    }
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }

  /** A one-time password for a new account (the user must change it). */
  generateInitial(): string {
    return `Cj-${randomBytes(12).toString('base64url')}`;
  }
}
