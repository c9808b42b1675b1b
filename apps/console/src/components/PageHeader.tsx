import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's title line, with optional actions on the right (every page starts with one). */
export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 12, marginBottom: 16 }}>
      <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
        {title}
      </Typography.Title>
      {extra}
    </div>
  );
}
