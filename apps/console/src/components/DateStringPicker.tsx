import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/**
 * A DatePicker whose value is a calendar day as the API takes it (YYYY-MM-DD), for a Form.Item:
 * the form holds the string, so rules such as `rules.notBeforeToday()` check what is sent.
 */
export function DateStringPicker({
  id,
  value,
  onChange,
  testId,
}: {
  id?: string;
  value?: string | null;
  onChange?(value: string | undefined): void;
  testId?: string;
}) {
  return (
    <DatePicker
      id={id}
      value={value ? dayjs(value) : null}
      onChange={(day) => onChange?.(day ? day.format('YYYY-MM-DD') : undefined)}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
