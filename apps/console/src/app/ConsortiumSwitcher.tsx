import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useConsortium } from './useConsortium';

/**
 * Switches between the consortia the user belongs to; platform admins search every consortium
 * (GET /api/v1/consortia?q=). Switching keeps the page (dashboard, organizations, …).
 */
export function ConsortiumSwitcher() {
  const { me } = useAuth();
  const { t } = useI18n();
  const { consortiumId } = useConsortium();
  const navigate = useNavigate();
  const location = useLocation();
  const [search, setSearch] = useState('');
  const platformAdmin = me?.user.platformAdmin ?? false;
  const memberships = me?.memberships ?? [];

  const all = useQuery({
    queryKey: ['consortia', 'switcher', search],
    queryFn: () => unwrap(api.GET('/api/v1/consortia', { params: { query: { q: search || undefined, limit: 20 } } })),
    enabled: platformAdmin,
    placeholderData: (previous) => previous,
  });
  // A platform admin may be in a consortium they are not a member of: name it too.
  const currentName = useQuery({
    queryKey: ['consortium', consortiumId, 'profile'],
    queryFn: () => unwrap(api.GET('/api/v1/consortia/{consortiumId}', { params: { path: { consortiumId } } })),
    enabled: Boolean(consortiumId),
  });

  const options = new Map<string, string>();
  for (const m of memberships) options.set(m.consortiumId, m.consortiumName);
  for (const c of all.data?.items ?? []) options.set(c.id, c.name);
  if (currentName.data) options.set(currentName.data.id, currentName.data.name);

  if (!platformAdmin && memberships.length <= 1) {
    return (
      <span style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis' }} data-testid="consortium-name">
        {options.get(consortiumId) ?? ''}
      </span>
    );
  }
  return (
    <Select
      data-testid="consortium-switcher"
      style={{ minWidth: 220, maxWidth: '100%', flex: '0 1 420px' }}
      value={consortiumId || undefined}
      showSearch={platformAdmin ? { filterOption: false, onSearch: setSearch } : { optionFilterProp: 'label' }}
      placeholder={t('shell.switchConsortium')}
      options={[...options].map(([value, label]) => ({ value, label }))}
      onChange={(next: string) => {
        const page = location.pathname.split('/')[3] ?? 'dashboard';
        navigate(`/c/${next}/${page}`);
      }}
    />
  );
}
