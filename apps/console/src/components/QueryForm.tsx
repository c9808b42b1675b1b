import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Col, Form, Grid, Row, Space } from 'antd';
import { Children, useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { Filters } from './useCursorList';

/**
 * The query form above a list: its Form.Items laid out in a grid (one column on a phone),
 * the first few shown until 展开 (one on a phone); 查询 applies the values as the list's
 * filters, 重置 clears them.
 */
export function QueryForm({
  filters,
  onSearch,
  children,
}: {
  filters: Filters;
  onSearch(filters: Filters): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const screens = Grid.useBreakpoint();
  const [expanded, setExpanded] = useState(false);
  const fields = Children.toArray(children);
  const shown = expanded ? fields.length : screens.sm ? 3 : 1;
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(filters);
  }, [filters, form]);
  const submit = (values: Record<string, unknown>) =>
    onSearch(
      Object.fromEntries(
        Object.entries(values)
          .filter(([, v]) => v !== undefined && v !== null && v !== '')
          .map(([k, v]) => [k, String(v)]),
      ),
    );
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="query-form">
      <Row gutter={16}>
        {fields.map((child, index) => (
          // Hidden fields stay mounted so their values still apply.
          <Col key={index} xs={24} sm={12} lg={8} xl={6} style={index < shown ? undefined : { display: 'none' }}>
            {child}
          </Col>
        ))}
        <Col xs={24} sm={12} lg={8} xl={6} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 24 }}>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="query-submit">
              {t('list.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onSearch({});
              }}
            >
              {t('list.reset')}
            </Button>
            {fields.length > shown || expanded ? (
              <Button type="link" onClick={() => setExpanded(!expanded)} data-testid="query-expand">
                {expanded ? t('list.collapse') : t('list.expand')}
                {expanded ? <UpOutlined /> : <DownOutlined />}
              </Button>
            ) : null}
          </Space>
        </Col>
      </Row>
    </Form>
  );
}
