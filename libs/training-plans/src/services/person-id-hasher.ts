import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@chanjiao/core';
import { normalizeIdNumber } from '../domain/id-number';

/**
 * Stands in for ID numbers: HMAC-SHA256 under PERSON_ID_HASH_KEY (a keyed hash, so the
 * 18-digit space cannot be enumerated without the key) and the last four characters.
 * The number itself is never stored, logged, exported or echoed.
 */
@Injectable()
export class PersonIdHasher {
  private readonly key: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.personIdHashKey) throw new Error('PERSON_ID_HASH_KEY is not configured');
    this.key = config.personIdHashKey;
  }

  digest(idNumber: string): { idHash: string; idLast4: string } {
    const normalized = normalizeIdNumber(idNumber);
    return {
      idHash: createHmac('sha256', this.key).update(normalized, 'utf8').digest('hex'),
      idLast4: normalized.slice(-4),
    };
  }
}
