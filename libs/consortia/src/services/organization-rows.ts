import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { validateCreditCode } from '../domain/credit-code';
import { LeadUnitIds, LeadUnitSlot, slotsBrokenByType } from '../domain/lead-units';
import { withIndustryName } from '../domain/industries';
import { CreateOrganizationDto } from '../dto/organization.dto';
import { OrganizationContact } from '../entities/organization.entity';
import {
  ORGANIZATION_SIZE_LABELS,
  ORGANIZATION_TYPE_LABELS,
  OrganizationSize,
  OrganizationType,
} from '../entities/organization-type';
import { ColumnKey, columnHeader, ImportError, NO, SheetRow, YES } from './organization-sheet';

/**
 * The rules for imported rows: each row becomes a `CreateOrganizationDto` checked
 * by the same class-validator rules as `POST …/organizations` (zh-CN labels mapped
 * to enum values, 是/否 to booleans), names and credit codes must be unique within
 * the file, and `planImport` matches rows to existing organizations by credit code,
 * else by name.
 */

export interface ValidRow {
  row: number;
  dto: CreateOrganizationDto;
}

export interface RowCheck {
  valid: ValidRow[];
  /** In row order; a row may have several (one per column). */
  errors: ImportError[];
  /** Rows with at least one error. */
  failedRows: number;
}

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase();

function labelLookup<V extends string>(
  labels: Record<V, { 'zh-CN': string; en: string }>,
  aliases: Record<string, V> = {},
) {
  const lookup = new Map<string, V>();
  for (const [value, label] of Object.entries(labels) as Array<[V, { 'zh-CN': string; en: string }]>) {
    lookup.set(fold(value), value);
    lookup.set(fold(label['zh-CN']), value);
    lookup.set(fold(label.en), value);
  }
  for (const [alias, value] of Object.entries(aliases)) lookup.set(fold(alias), value);
  return lookup;
}

const TYPES = labelLookup(ORGANIZATION_TYPE_LABELS, {
  政府部门: OrganizationType.Government,
  园区管委会: OrganizationType.Government,
});
const SIZES = labelLookup(ORGANIZATION_SIZE_LABELS);
const TYPE_CHOICES = Object.values(ORGANIZATION_TYPE_LABELS)
  .map((l) => l['zh-CN'])
  .join('、');
const SIZE_CHOICES = Object.values(ORGANIZATION_SIZE_LABELS)
  .map((l) => l['zh-CN'])
  .join('、');
const TRUE_TEXTS = new Set([YES, 'y', 'yes', 'true', '1'].map(fold));
const FALSE_TEXTS = new Set([NO, 'n', 'no', 'false', '0'].map(fold));

const CONTACT_COLUMNS: Record<keyof OrganizationContact, ColumnKey> = {
  name: 'contactName',
  title: 'contactTitle',
  phone: 'contactPhone',
  email: 'contactEmail',
};
/** The columns an import writes (and compares to tell an update from no change). */
const VALUE_KEYS: Array<keyof OrganizationValues> = [
  'type',
  'name',
  'nameEn',
  'creditCode',
  'district',
  'address',
  'industryCode',
  'industryName',
  'size',
  'leadingEnterprise',
  'certifiedIntegrationEnterprise',
  'doubleHighSchool',
  'contacts',
];
/** The create DTO's fields that are one spreadsheet column each (contacts span four). */
const DTO_COLUMNS = new Set<string>(VALUE_KEYS.filter((key) => key !== 'contacts'));

/** Checks every row on its own, then names and credit codes across the file (a later repeat is the error). */
export function checkOrganizationRows(rows: SheetRow[]): RowCheck {
  const perRow = new Map<number, ImportError[]>();
  const dtos = new Map<number, CreateOrganizationDto>();
  for (const row of rows) {
    const checked = checkRow(row);
    if (checked.errors.length > 0) perRow.set(row.row, checked.errors);
    else dtos.set(row.row, checked.dto as CreateOrganizationDto);
  }

  const firstByName = new Map<string, number>();
  const firstByCode = new Map<string, number>();
  for (const row of rows) {
    const repeats: ImportError[] = [];
    const name = row.cells.name?.trim();
    if (name) {
      const first = firstByName.get(name);
      if (first === undefined) firstByName.set(name, row.row);
      else {
        repeats.push({
          row: row.row,
          column: columnHeader('name'),
          reason: `the same name as row ${first}`,
          reasonZh: `与第 ${first} 行单位名称相同`,
        });
      }
    }
    const code = row.cells.creditCode?.normalize('NFKC').trim().toUpperCase();
    if (code) {
      const first = firstByCode.get(code);
      if (first === undefined) firstByCode.set(code, row.row);
      else {
        repeats.push({
          row: row.row,
          column: columnHeader('creditCode'),
          reason: `the same credit code as row ${first}`,
          reasonZh: `与第 ${first} 行统一社会信用代码相同`,
        });
      }
    }
    if (repeats.length > 0) {
      perRow.set(row.row, [...(perRow.get(row.row) ?? []), ...repeats]);
      dtos.delete(row.row);
    }
  }

  const valid: ValidRow[] = [];
  const errors: ImportError[] = [];
  for (const row of rows) {
    const dto = dtos.get(row.row);
    if (dto) valid.push({ row: row.row, dto });
    errors.push(...(perRow.get(row.row) ?? []));
  }
  return { valid, errors, failedRows: perRow.size };
}

/** One row as a create DTO, validated by the DTO's own rules; errors name the zh-CN column. */
export function checkRow(row: SheetRow): { dto?: CreateOrganizationDto; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const fail = (key: ColumnKey | null, reason: string, reasonZh: string) =>
    errors.push({ row: row.row, column: key ? columnHeader(key) : null, reason, reasonZh });
  const text = (key: ColumnKey): string | undefined => {
    const value = row.cells[key]?.trim();
    return value ? value : undefined;
  };
  const plain: Record<string, unknown> = {};
  /** Properties already reported by the mapping below: the DTO's message for them would repeat it. */
  const reported = new Set<string>();

  if (text('name') === undefined) {
    fail('name', 'is required', '必填');
    reported.add('name');
  } else plain.name = text('name');

  const typeText = text('type');
  if (typeText === undefined) {
    fail('type', 'is required', '必填');
    reported.add('type');
  } else {
    const type = TYPES.get(fold(typeText));
    if (type) plain.type = type;
    else {
      fail(
        'type',
        `'${typeText}' is not an organization type; use one of: ${TYPE_CHOICES}`,
        `“${typeText}”不是单位类型，可填：${TYPE_CHOICES}`,
      );
      reported.add('type');
    }
  }

  for (const key of ['nameEn', 'district', 'address', 'industryName'] as const) plain[key] = text(key);
  // Full-width letters and digits (typed with a Chinese IME) become ASCII.
  plain.creditCode = text('creditCode')?.normalize('NFKC');
  plain.industryCode = text('industryCode')?.normalize('NFKC');

  const sizeText = text('size');
  if (sizeText !== undefined) {
    const size = SIZES.get(fold(sizeText));
    if (size) plain.size = size;
    else {
      fail(
        'size',
        `'${sizeText}' is not a size; use one of: ${SIZE_CHOICES}`,
        `“${sizeText}”不是企业规模，可填：${SIZE_CHOICES}`,
      );
      reported.add('size');
    }
  }

  for (const key of ['leadingEnterprise', 'certifiedIntegrationEnterprise', 'doubleHighSchool'] as const) {
    const flag = text(key);
    if (flag === undefined) continue;
    if (TRUE_TEXTS.has(fold(flag))) plain[key] = true;
    else if (FALSE_TEXTS.has(fold(flag))) plain[key] = false;
    else {
      fail(key, `'${flag}' must be ${YES} or ${NO}`, `“${flag}”应填 ${YES} 或 ${NO}`);
      reported.add(key);
    }
  }

  const contact: Partial<OrganizationContact> = Object.fromEntries(
    (Object.entries(CONTACT_COLUMNS) as Array<[keyof OrganizationContact, ColumnKey]>)
      .map(([field, key]): [keyof OrganizationContact, string | undefined] => [field, text(key)])
      .filter(([, value]) => value !== undefined),
  );
  if (Object.keys(contact).length > 0) plain.contacts = [contact];

  for (const key of Object.keys(plain)) if (plain[key] === undefined) delete plain[key];
  const dto = plainToInstance(CreateOrganizationDto, plain);
  const problems = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  for (const problem of problems) {
    if (reported.has(problem.property)) continue;
    if (problem.property === 'contacts') {
      for (const item of problem.children ?? []) {
        for (const field of item.children ?? []) {
          const key = CONTACT_COLUMNS[field.property as keyof OrganizationContact] ?? null;
          if (field.property === 'name' && field.value === undefined) {
            fail(key, 'is required when another contact column is filled', '填写了其他联系人信息时必填');
          } else fail(key, reasonOf(field), reasonZhOf(field));
        }
      }
      if (!problem.children?.length) fail('contactName', reasonOf(problem), reasonZhOf(problem));
      continue;
    }
    if (problem.property === 'creditCode' && problem.value === undefined) {
      fail('creditCode', 'is required for enterprises', '企业必填');
      continue;
    }
    fail(
      DTO_COLUMNS.has(problem.property) ? (problem.property as ColumnKey) : null,
      reasonOf(problem),
      reasonZhOf(problem),
    );
  }
  return errors.length > 0 ? { errors } : { dto: withIndustryName(dto), errors };
}

/**
 * The Chinese for a validator's finding, by rule. The rules' limits are in the template's
 * 填写说明 sheet; the English reason (with the numbers) stays beside it.
 */
function reasonZhOf(problem: ValidationError): string {
  const value = typeof problem.value === 'string' ? problem.value : '';
  const zh = Object.keys(problem.constraints ?? {}).map((rule) => {
    switch (rule) {
      case 'isUnifiedSocialCreditCode': {
        const result = validateCreditCode(value);
        return result.valid ? '统一社会信用代码无效' : `统一社会信用代码${result.messageZh}`;
      }
      case 'isIndustryCode':
        return `“${value}”不是国民经济行业分类（GB/T 4754-2017）代码`;
      case 'isEmail':
        return '邮箱格式不正确';
      case 'matches':
        return '格式不正确';
      case 'isLength':
      case 'maxLength':
      case 'minLength':
      case 'arrayMaxSize':
        return '长度超出允许范围（见“填写说明”）';
      case 'isEnum':
      case 'isIn':
        return `“${value}”不是可选值`;
      default:
        return '内容不符合要求';
    }
  });
  return [...new Set(zh)].join('；');
}

/** The validator's messages without the English property name they start with. */
function reasonOf(problem: ValidationError): string {
  return Object.values(problem.constraints ?? {})
    .map((message) =>
      message.startsWith(`${problem.property} `) ? message.slice(problem.property.length + 1) : message,
    )
    .join('; ');
}

// ---------------------------------------------------------------------------
// Matching rows to existing organizations

/** The columns an import writes. */
export interface OrganizationValues {
  type: OrganizationType;
  name: string;
  nameEn: string | null;
  creditCode: string | null;
  district: string | null;
  address: string | null;
  industryCode: string | null;
  industryName: string | null;
  size: OrganizationSize | null;
  leadingEnterprise: boolean;
  certifiedIntegrationEnterprise: boolean;
  doubleHighSchool: boolean;
  contacts: OrganizationContact[];
}

export interface ExistingOrganization extends OrganizationValues {
  id: string;
}

export interface ImportPlan {
  creates: Array<{ row: number; values: OrganizationValues }>;
  updates: Array<{ row: number; id: string; values: OrganizationValues; changed: Array<keyof OrganizationValues> }>;
  unchanged: number;
  /** One per row that cannot be applied (its name belongs to another organization, …). */
  errors: ImportError[];
}

/** A contact with its fields in one order and without empty ones, so two equal contacts compare equal. */
export function normalizeContact(contact: Partial<OrganizationContact>): OrganizationContact {
  const normalized: OrganizationContact = { name: contact.name ?? '' };
  for (const key of ['title', 'phone', 'email'] as const) if (contact[key]) normalized[key] = contact[key];
  return normalized;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const LEAD_SLOT_ZH: Record<LeadUnitSlot, string> = {
  government: '牵头政府部门',
  school: '牵头院校',
  enterprise: '牵头企业',
};

/**
 * Decides, against the consortium's organizations before the import, what each
 * valid row does: a row matches an organization by credit code, else by name.
 * A matched organization takes the row's non-empty cells (empty cells keep what is
 * there; the row's contact replaces the first contact); an unmatched row is created.
 * Rows that would collide with another organization, or change a lead unit's type
 * to one its slot does not allow (the rule PATCH applies), are errors.
 */
export function planImport(rows: ValidRow[], existing: ExistingOrganization[], leads: LeadUnitIds = {}): ImportPlan {
  const byCode = new Map(existing.filter((o) => o.creditCode).map((o) => [o.creditCode as string, o]));
  const byName = new Map(existing.map((o) => [o.name, o]));
  const claimedBy = new Map<string, number>();
  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, errors: [] };
  const fail = (row: number, key: ColumnKey, reason: string, reasonZh: string) =>
    plan.errors.push({ row, column: columnHeader(key), reason, reasonZh });

  for (const { row, dto } of rows) {
    const code = dto.creditCode ?? null;
    const byItsCode = code ? byCode.get(code) : undefined;
    const named = byName.get(dto.name);
    let match = byItsCode;
    if (byItsCode && named && named.id !== byItsCode.id) {
      fail(
        row,
        'name',
        `another organization already has this name (credit code ${named.creditCode ?? 'none'})`,
        `已有同名单位（统一社会信用代码：${named.creditCode ?? '无'}）`,
      );
      continue;
    }
    if (!match && named) {
      if (code && named.creditCode && named.creditCode !== code) {
        fail(
          row,
          'name',
          `another organization already has this name, with credit code ${named.creditCode}`,
          `已有同名单位，其统一社会信用代码为 ${named.creditCode}`,
        );
        continue;
      }
      match = named;
    }
    if (!match) {
      plan.creates.push({ row, values: valuesOf(dto) });
      continue;
    }
    const earlier = claimedBy.get(match.id);
    if (earlier !== undefined) {
      fail(
        row,
        byItsCode ? 'creditCode' : 'name',
        `matches the same organization as row ${earlier}`,
        `与第 ${earlier} 行对应同一家单位`,
      );
      continue;
    }
    claimedBy.set(match.id, row);
    const before = { ...match, contacts: (match.contacts ?? []).map(normalizeContact) };
    const values = merge(before, dto);
    const [brokenSlot] = values.type !== before.type ? slotsBrokenByType(leads, match.id, values.type) : [];
    if (brokenSlot) {
      fail(
        row,
        'type',
        `this organization is the consortium's lead ${brokenSlot} and cannot become ${values.type}; name another lead ${brokenSlot} first`,
        `该单位是联合体的${LEAD_SLOT_ZH[brokenSlot]}，不能改为“${ORGANIZATION_TYPE_LABELS[values.type]['zh-CN']}”；请先指定其他${LEAD_SLOT_ZH[brokenSlot]}`,
      );
      continue;
    }
    const changed = VALUE_KEYS.filter((key) => !same(values[key], before[key]));
    if (changed.length === 0) plan.unchanged += 1;
    else plan.updates.push({ row, id: match.id, values, changed });
  }
  return plan;
}

function valuesOf(dto: CreateOrganizationDto): OrganizationValues {
  return {
    type: dto.type,
    name: dto.name,
    nameEn: dto.nameEn ?? null,
    creditCode: dto.creditCode ?? null,
    district: dto.district ?? null,
    address: dto.address ?? null,
    industryCode: dto.industryCode ?? null,
    industryName: dto.industryName ?? null,
    size: dto.size ?? null,
    leadingEnterprise: dto.leadingEnterprise ?? false,
    certifiedIntegrationEnterprise: dto.certifiedIntegrationEnterprise ?? false,
    doubleHighSchool: dto.doubleHighSchool ?? false,
    contacts: (dto.contacts ?? []).map(normalizeContact),
  };
}

function merge(current: OrganizationValues, dto: CreateOrganizationDto): OrganizationValues {
  const values = Object.fromEntries(VALUE_KEYS.map((key) => [key, current[key]])) as unknown as OrganizationValues;
  for (const key of VALUE_KEYS) {
    if (key === 'contacts') continue;
    const value = dto[key as keyof CreateOrganizationDto];
    if (value !== undefined) (values as unknown as Record<string, unknown>)[key] = value;
  }
  if (dto.contacts?.length) values.contacts = [normalizeContact(dto.contacts[0]), ...values.contacts.slice(1)];
  return values;
}
