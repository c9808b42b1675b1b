import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Rate, Row } from 'antd';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { TALENT_LIMITS as L } from './talent-rules';

/** A posting's skills, one row each: the skill and its weight (1 nice – 5 essential, stars). */
export function WeightedSkillsField({ name, label, testId }: { name: string; label: string; testId: string }) {
  const { t } = useI18n();
  const rules = useRules();
  return (
    <Form.Item label={label} data-testid={testId} style={{ marginBottom: 8 }}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row gutter={8} key={field.key} align="middle" wrap={false}>
                <Col flex="auto">
                  <Form.Item
                    name={[field.name, 'skill']}
                    rules={[rules.required(), rules.optionalLength(L.skill.min, L.skill.max)]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input placeholder={t('talent.skill')} data-testid={`${testId}-skill`} />
                  </Form.Item>
                </Col>
                <Col flex="none">
                  <Form.Item name={[field.name, 'weight']} style={{ marginBottom: 8 }} tooltip={t('talent.weightHint')}>
                    <Rate allowClear={false} count={L.weight.max} aria-label={t('talent.weight')} />
                  </Form.Item>
                </Col>
                <Col flex="none" style={{ paddingBottom: 8 }}>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Col>
              </Row>
            ))}
            {fields.length < L.skills.max ? (
              <Button
                type="dashed"
                onClick={() => add({ skill: '', weight: 3 })}
                icon={<PlusOutlined />}
                block
                data-testid={`${testId}-add`}
              >
                {t('talent.addSkill')}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
