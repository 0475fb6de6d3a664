import { useEffect, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { organisationsApi, type OrgKind } from '@ce/shared';
import { call } from '../api/client';
import type { PublicOrg } from '../api/types';
import { RegionCascader } from './RegionCascader';

interface Props {
  id?: string;
  /** Kinds of organisation that may be picked. */
  kinds: OrgKind[];
  value?: number;
  onChange?: (id: number | undefined) => void;
  placeholder?: string;
}

/**
 * Picks an approved organisation: first the region it sits in, then a fuzzy search by name
 * (GET /api/public/organisations), as the real portal's "选定" pop-up does.
 */
export function OrgPicker({ id, kinds, value, onChange, placeholder = '输入名称关键字搜索' }: Props) {
  const [regionCode, setRegionCode] = useState<string>();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<PublicOrg>();

  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const enabled = !!regionCode || q.length > 0;
  const search = useQuery({
    queryKey: ['public-organisations', kinds, regionCode, q],
    queryFn: () =>
      call(organisationsApi.publicSearch, { query: { kind: kinds, regionCode, q, limit: 50 } }),
    enabled,
    staleTime: 30_000,
  });

  const items = search.data?.items ?? [];
  const options = [
    ...items,
    ...(picked && picked.id === value && !items.some((o) => o.id === picked.id) ? [picked] : []),
  ].map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）`, org: o }));

  return (
    <div className="org-picker">
      <RegionCascader
        value={regionCode}
        onChange={(code) => setRegionCode(code)}
        placeholder="先选择所在区划"
        style={{ flex: '1 1 200px' }}
      />
      <Select<number>
        id={id}
        style={{ flex: '2 1 260px', minWidth: 0 }}
        value={value}
        placeholder={placeholder}
        allowClear
        showSearch={{ filterOption: false, onSearch: setTyped }}
        options={options}
        onChange={(v, option) => {
          const org = option && !Array.isArray(option) ? (option as { org?: PublicOrg }).org : undefined;
          setPicked(org);
          onChange?.(v ?? undefined);
        }}
        notFoundContent={
          search.isFetching ? (
            <Spin size="small" />
          ) : search.isError ? (
            '查询失败，请重试'
          ) : enabled ? (
            '没有找到符合条件的机构，请更换区划或关键字'
          ) : (
            '请先选择区划，或输入名称关键字'
          )
        }
      />
    </div>
  );
}
