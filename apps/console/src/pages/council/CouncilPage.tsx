import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { CharterCard } from './CharterCard';
import { MeetingsTab } from './MeetingsTab';
import { SeatsTab } from './SeatsTab';

/**
 * 理事会: the charter and multi-party make-up, the seats with their terms, and the meetings
 * (attendance, quorum, resolutions, votes, tasks, minutes). Members and observers read it all;
 * only council:write gets the forms and buttons.
 */
export default function CouncilPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState('charter');
  return (
    <div data-testid="council-page">
      <PageHeader title={t('nav.council')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            {
              key: 'charter',
              label: <span data-testid="tab-charter">{t('council.tabCharter')}</span>,
              children: <CharterCard />,
            },
            {
              key: 'seats',
              label: <span data-testid="tab-seats">{t('council.tabSeats')}</span>,
              children: <SeatsTab />,
            },
            {
              key: 'meetings',
              label: <span data-testid="tab-meetings">{t('council.tabMeetings')}</span>,
              children: <MeetingsTab />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
