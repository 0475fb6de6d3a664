import { useState } from 'react';
import { Alert, Button, Input, Spin, Typography } from 'antd';
import { noticesApi } from '@ce/shared';
import { errorMessage } from '../../api/client';
import { usePagedList } from '../../api/queries';
import { PortalLayout } from '../../components/PortalLayout';
import { CitySelect, saveCity, savedCity } from './CitySelect';
import { NoticeList } from './NoticeList';

/** 通知公告: the province's notices, and a chosen city's, with a title search. */
export function NoticesPage() {
  const [city, setCity] = useState(savedCity);
  const [q, setQ] = useState('');
  const list = usePagedList(noticesApi.publicList, { query: { city, q: q || undefined } }, { limit: 20 });
  return (
    <PortalLayout>
      <Typography.Title level={3} className="section-title">
        通知公告
      </Typography.Title>
      <div className="notice-toolbar">
        <CitySelect
          value={city}
          onChange={(c) => {
            setCity(c);
            saveCity(c);
          }}
        />
        <Input.Search placeholder="按标题搜索" allowClear style={{ maxWidth: 280 }} onSearch={(v) => setQ(v.trim())} />
      </div>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.isPending ? <Spin /> : <NoticeList items={list.rows} emptyText={q ? '没有找到相关通知' : '暂无通知公告'} />}
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            加载更多
          </Button>
        </div>
      )}
    </PortalLayout>
  );
}
