import { translate } from '../../i18n/translate';
import { fileNameOf } from '../client';
import { describeError } from '../describe-error';
import { ApiError, formFieldErrors } from '../errors';

const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

describe('API errors in the console', () => {
  const validation = new ApiError(400, {
    statusCode: 400,
    error: 'Bad Request',
    message: 'name must be longer than or equal to 2 characters; contacts.0.email must be an email address',
    details: {
      code: 'validation_failed',
      fields: [
        { field: 'name', problems: ['name must be longer than or equal to 2 characters'] },
        { field: 'contacts.0.email', problems: ['email must be an email address'] },
      ],
    },
    requestId: 'req-1',
  });

  it('attaches each field problem to its form field (nested paths too)', () => {
    expect(formFieldErrors(validation, ['name', 'contacts'])).toEqual([
      { name: ['name'], errors: ['name must be longer than or equal to 2 characters'] },
      { name: ['contacts', 0, 'email'], errors: ['email must be an email address'] },
    ]);
    expect(formFieldErrors(validation, ['type'])).toEqual([]);
    expect(formFieldErrors(new Error('x'), ['name'])).toEqual([]);
  });

  it('reads a domain refusal that names one field', () => {
    const conflict = new ApiError(409, {
      statusCode: 409,
      error: 'Conflict',
      message: 'An organization named 苏州云帆软件有限公司 already exists',
      details: { code: 'organization_name_taken', field: 'name' },
      requestId: 'req-2',
    });
    expect(conflict.code).toBe('organization_name_taken');
    expect(formFieldErrors(conflict, ['name'])).toEqual([
      { name: ['name'], errors: ['An organization named 苏州云帆软件有限公司 already exists'] },
    ]);
    expect(describeError(conflict, zh)).toBe(
      '与现有数据冲突：An organization named 苏州云帆软件有限公司 already exists',
    );
  });

  it('describes failures in the user’s language, with the request id for server errors', () => {
    expect(describeError(validation, zh)).toBe(
      '提交的内容有误：name must be longer than or equal to 2 characters; email must be an email address',
    );
    const server = new ApiError(500, {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'x',
      requestId: 'req-9',
    });
    expect(describeError(server, zh)).toBe('服务器出错了，请稍后重试（请求编号 req-9）');
    expect(describeError(new TypeError('Failed to fetch'), (k) => translate('en', k))).toBe(
      'The server cannot be reached; check the network and try again',
    );
    expect(new ApiError(502, 'Bad gateway').message).toBe('Bad gateway');
  });

  it('names a download after the API’s Content-Disposition', () => {
    expect(fileNameOf(`attachment; filename="organizations.xlsx"; filename*=UTF-8''%E6%88%90%E5%91%98.xlsx`)).toBe(
      '成员.xlsx',
    );
    expect(fileNameOf('attachment; filename="template.xlsx"')).toBe('template.xlsx');
    expect(fileNameOf(null)).toBeUndefined();
  });
});
