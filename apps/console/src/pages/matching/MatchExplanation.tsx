import { Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { BASIS_LABELS, EXCLUSION_LABELS, explanationOf, type Match } from './matching-rules';

/** Why a pair scored as it did: programme basis, shared words, skills had and lacking, the capacity arithmetic, mode, place. */
export function MatchExplanation({ match }: { match: Match }) {
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const e = explanationOf(match);
  const lines: Array<{ key: string; text: string }> = [];
  if (e.programme)
    lines.push({
      key: 'programme',
      text: t('match.explain.programme', {
        basis: BASIS_LABELS[e.programme.basis] ? t(BASIS_LABELS[e.programme.basis]) : e.programme.basis,
        via: e.programme.via ?? '—',
      }),
    });
  if (e.text) {
    const source =
      e.text.source.kind === 'programme_name'
        ? t('match.explain.textProgramme', { name: e.text.source.name })
        : t('match.explain.textOccupation', { code: e.text.source.code, name: e.text.source.name });
    const words = e.text.words.length ? `；${t('match.explain.words', { words: e.text.words.join('、') })}` : '';
    lines.push({ key: 'text', text: source + words });
  }
  if (e.capacity) lines.push({ key: 'capacity', text: t('match.explain.capacity', { ...e.capacity }) });
  if (e.mode)
    lines.push({
      key: 'mode',
      text: t('match.explain.mode', {
        type: label('EmploymentType', e.mode.employmentType),
        offered: e.mode.offered.map((m) => label('TrainingMode', m)).join('、') || '—',
      }),
    });
  if (e.locality)
    lines.push({
      key: 'locality',
      text:
        e.locality.basis === 'district'
          ? t('match.explain.localityDistrict', { district: e.locality.postingDistrict ?? '' })
          : e.locality.basis === 'park'
            ? t('match.explain.localityPark')
            : t('match.explain.localityNone'),
    });
  return (
    <div data-testid="match-explanation">
      {e.skills ? (
        <div style={{ marginBottom: 8 }} data-testid="match-skills">
          {e.skills.offeringHasNoSkills ? (
            <Typography.Text type="secondary">{t('match.noOfferingSkills')}</Typography.Text>
          ) : null}
          {e.skills.matched.length ? (
            <Space size={[4, 4]} wrap style={{ marginRight: 8 }}>
              <Typography.Text type="secondary">{t('match.matchedSkills')}</Typography.Text>
              {e.skills.matched.map((s) => (
                <Tag key={s} color="success" data-testid="skill-matched">
                  {s}
                </Tag>
              ))}
            </Space>
          ) : null}
          {e.skills.missing.length ? (
            <Space size={[4, 4]} wrap>
              <Typography.Text type="secondary">{t('match.missingSkills')}</Typography.Text>
              {e.skills.missing.map((s) => (
                <Tag key={s} color="error" data-testid="skill-missing">
                  {s}
                </Tag>
              ))}
            </Space>
          ) : null}
        </div>
      ) : null}
      {lines.map((line) => (
        <div key={line.key}>
          <Typography.Text type="secondary">{line.text}</Typography.Text>
        </div>
      ))}
      {match.excluded.length ? (
        <Typography.Text type="warning">
          {t('match.excluded', {
            reasons: match.excluded.map((r) => (EXCLUSION_LABELS[r] ? t(EXCLUSION_LABELS[r]) : r)).join('、'),
          })}
        </Typography.Text>
      ) : null}
    </div>
  );
}
