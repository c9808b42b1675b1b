import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Grid, Input, Modal, Space, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { COUNCIL_LIMITS as L, formatRatio, parseRatio, type CouncilOverview } from './council-rules';

const RATIOS = ['quorum', 'ordinaryPass', 'specialPass'] as const;
type CharterForm = { name: string } & Record<(typeof RATIOS)[number], string>;

/** 章程与构成: the council's name, quorum and pass thresholds, seats in office and the multi-party check. */
export function CharterCard() {
  const { consortiumId, can } = useConsortium();
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const screens = Grid.useBreakpoint();
  const overview = useQuery({
    queryKey: ['council', consortiumId, 'overview'],
    queryFn: () => unwrap(api.GET('/api/v1/consortia/{consortiumId}/council', { params: { path: { consortiumId } } })),
  });
  const [editing, setEditing] = useState(false);
  const o = overview.data;
  if (overview.error) return <Alert type="error" showIcon title={describeError(overview.error, t)} />;
  return (
    <Card
      loading={overview.isPending}
      data-testid="council-charter"
      extra={
        can('council:write') && o ? (
          <Button onClick={() => setEditing(true)} data-testid="charter-edit">
            {t('council.editCharter')}
          </Button>
        ) : null
      }
      title={o?.name}
    >
      {o ? (
        <Descriptions column={screens.md ? 2 : 1} bordered size="small">
          <Descriptions.Item label={t('council.quorum')}>
            <span data-testid="charter-quorum">{formatRatio(o.quorum)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('council.ordinaryPass')}>{formatRatio(o.ordinaryPass)}</Descriptions.Item>
          <Descriptions.Item label={t('council.specialPass')}>{formatRatio(o.specialPass)}</Descriptions.Item>
          <Descriptions.Item label={t('council.seatsInOffice')}>
            <span data-testid="charter-seats">{o.seats}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('council.seatsOutOfOffice')}>{o.seatsOutOfOffice}</Descriptions.Item>
          <Descriptions.Item label={t('council.multiParty')}>
            <Space wrap>
              {o.categoriesSeated.map((c) => (
                <Tag key={c}>{label('CouncilSeatCategory', c)}</Tag>
              ))}
              {o.multiPartyComplete ? (
                <Tag color="success" data-testid="multi-party">
                  {t('council.multiPartyComplete')}
                </Tag>
              ) : (
                <Tag color="warning" data-testid="multi-party">
                  {t('council.multiPartyMissing', {
                    categories: o.missingCategories.map((c) => label('CouncilSeatCategory', c)).join('、'),
                  })}
                </Tag>
              )}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {editing && o ? <CharterModal overview={o} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

function CharterModal({ overview, onClose }: { overview: CouncilOverview; onClose(): void }) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CharterForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ratioRule = {
    validator: (_rule: unknown, value: string | undefined) =>
      parseRatio(value) ? Promise.resolve() : Promise.reject(new Error(t('council.ratioInvalid'))),
  };
  const save = async (values: CharterForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(
        api.PATCH('/api/v1/consortia/{consortiumId}/council', {
          params: { path: { consortiumId } },
          body: {
            name: values.name.trim(),
            quorum: parseRatio(values.quorum),
            ordinaryPass: parseRatio(values.ordinaryPass),
            specialPass: parseRatio(values.specialPass),
          },
        }),
      );
      message.success(t('council.charterSaved'));
      await queryClient.invalidateQueries({ queryKey: ['council', consortiumId] });
      onClose();
    } catch (failure) {
      // A ratio's problem is named quorum.denominator: shown on the ratio's one field.
      const fields = formFieldErrors(failure, ['name', ...RATIOS]).map((f) => ({ ...f, name: [String(f.name[0])] }));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('council.editCharter')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'charter-save' } as ButtonProps}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        data-testid="charter-form"
        initialValues={{
          name: overview.name,
          quorum: formatRatio(overview.quorum),
          ordinaryPass: formatRatio(overview.ordinaryPass),
          specialPass: formatRatio(overview.specialPass),
        }}
      >
        <Form.Item
          name="name"
          label={t('council.name')}
          rules={[rules.required(), rules.length(L.councilName.min, L.councilName.max)]}
        >
          <Input />
        </Form.Item>
        {RATIOS.map((ratio) => (
          <Form.Item
            key={ratio}
            name={ratio}
            label={t(`council.${ratio}`)}
            extra={t(`council.${ratio}Hint`)}
            rules={[ratioRule]}
          >
            <Input data-testid={`charter-${ratio}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
