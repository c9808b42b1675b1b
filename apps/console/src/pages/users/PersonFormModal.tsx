import { Alert, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { USER_LIMITS as L, USER_PHONE_PATTERN } from './user-rules';

const PERSON_FIELDS = ['email', 'displayName', 'phone'];

/**
 * The form that adds a person, shared by 用户与角色 (a consortium's people) and 平台账号
 * (every account): email, name and phone checked with CreateUserDto's rules, then the page's
 * own fields (`children`: role, organization). `submit` sends the values; a refusal is shown
 * on the fields the API names and above the form. Without `personFields` only the page's
 * fields are shown (changing an existing person's role).
 */
export function PersonFormModal<T extends object>({
  title,
  testIdPrefix,
  personFields = true,
  initialValues,
  fields = [],
  submit,
  onCancel,
  children,
}: {
  title: string;
  /** Prefix of the test ids: `<prefix>-form`, `-email`, `-name`, `-save`. */
  testIdPrefix: string;
  personFields?: boolean;
  initialValues?: Partial<T>;
  /** The page's own fields the API may name in a refusal. */
  fields?: readonly string[];
  submit(values: T): Promise<void>;
  onCancel(): void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const rules = useRules();
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async (values: T) => {
    setBusy(true);
    setError(undefined);
    try {
      await submit(values);
    } catch (failure) {
      form.setFields(formFieldErrors(failure, [...PERSON_FIELDS, ...fields]) as Parameters<typeof form.setFields>[0]);
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': `${testIdPrefix}-save` } as ButtonProps}
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={initialValues}
        data-testid={`${testIdPrefix}-form`}
      >
        {personFields ? (
          <>
            <Form.Item
              name="email"
              label={t('users.email')}
              rules={[rules.required(), rules.email(), rules.length(0, L.email.max)]}
            >
              <Input data-testid={`${testIdPrefix}-email`} />
            </Form.Item>
            <Form.Item
              name="displayName"
              label={t('users.displayName')}
              rules={[rules.required(), rules.length(L.displayName.min, L.displayName.max)]}
            >
              <Input data-testid={`${testIdPrefix}-name`} />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('users.phone')}
              rules={[{ pattern: USER_PHONE_PATTERN, message: t('users.phoneInvalid') }]}
            >
              <Input />
            </Form.Item>
          </>
        ) : null}
        {children}
      </Form>
    </Modal>
  );
}
