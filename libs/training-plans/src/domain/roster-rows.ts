import { ID_NUMBER_PROBLEM_TEXT, idNumberProblem, normalizeIdNumber } from './id-number';

/** The roster spreadsheet's columns (zh-CN headers, as in the template). */
export const ROSTER_COLUMNS = [
  { key: 'name', header: '姓名', required: true, hint: '必填，最多50字' },
  { key: 'organizationName', header: '所在单位', required: false, hint: '选填，成员单位名称或其他单位' },
  { key: 'idNumber', header: '身份证号', required: false, hint: '选填，18位居民身份证号码；只保存校验摘要和后四位' },
] as const;

export type RosterColumnKey = (typeof ROSTER_COLUMNS)[number]['key'];

/** Most rows one roster takes. */
export const MAX_ROSTER_ROWS = 2000;

export interface RosterInput {
  name: string;
  organizationName?: string | null;
  organizationId?: string | null;
  idNumber?: string | null;
}

/** A roster problem: `row` as the user sees it (spreadsheet: header = 1; JSON: index), the field, both languages. */
export interface RosterProblem {
  row: number;
  field: RosterColumnKey | 'organizationId';
  column: string | null;
  reason: string;
  reasonZh: string;
}

/**
 * Checks a roster's rows: a name on every row, ID numbers valid under GB 11643 and not
 * repeated within the roster. The reasons never quote an ID number back.
 */
export function checkRosterRows(rows: readonly RosterInput[], rowNumber: (index: number) => number): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const at = rowNumber(index);
    if (!row.name || row.name.trim().length === 0) {
      problems.push({ row: at, field: 'name', column: '姓名', reason: 'name is required', reasonZh: '姓名不能为空' });
    } else if (row.name.trim().length > 50) {
      problems.push({
        row: at,
        field: 'name',
        column: '姓名',
        reason: 'name must be at most 50 characters',
        reasonZh: '姓名最多50字',
      });
    }
    if ((row.organizationName?.length ?? 0) > 200) {
      problems.push({
        row: at,
        field: 'organizationName',
        column: '所在单位',
        reason: 'organizationName must be at most 200 characters',
        reasonZh: '所在单位最多200字',
      });
    }
    if (row.idNumber !== undefined && row.idNumber !== null && row.idNumber.trim() !== '') {
      const problem = idNumberProblem(row.idNumber);
      if (problem) {
        problems.push({
          row: at,
          field: 'idNumber',
          column: '身份证号',
          reason: `idNumber ${ID_NUMBER_PROBLEM_TEXT[problem].en}`,
          reasonZh: `身份证号${ID_NUMBER_PROBLEM_TEXT[problem].zh}`,
        });
      } else {
        const normalized = normalizeIdNumber(row.idNumber);
        const first = seen.get(normalized);
        if (first !== undefined) {
          problems.push({
            row: at,
            field: 'idNumber',
            column: '身份证号',
            reason: `idNumber repeats the one of row ${first}`,
            reasonZh: `身份证号与第${first}行重复`,
          });
        } else {
          seen.set(normalized, at);
        }
      }
    }
  });
  return problems;
}
