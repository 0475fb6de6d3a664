import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { workDepartmentsApi } from '@ce/shared';
import { call } from '../api/client';

/** The 工作部门 of a unit (GET /api/public/organisations/:id/work-departments); nothing without a unit. */
export function useWorkDepartments(unitId: number | undefined | null) {
  return useQuery({
    queryKey: ['public-work-departments', unitId],
    queryFn: () => call(workDepartmentsApi.list, { params: { id: unitId! } }),
    enabled: !!unitId,
    staleTime: 60_000,
  });
}

interface Props {
  id?: string;
  unitId: number | undefined | null;
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}

/** Picks one 工作部门 of a unit (e.g. a college's 系部). */
export function WorkDepartmentSelect({ id, unitId, value, onChange, placeholder, allowClear, style }: Props) {
  const wds = useWorkDepartments(unitId);
  const items = wds.data?.items ?? [];
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      style={style}
      loading={wds.isFetching}
      disabled={!unitId}
      placeholder={placeholder ?? (unitId ? '请选择工作部门' : '请先选择所在单位')}
      options={items.map((w) => ({ value: w.id, label: w.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={wds.isError ? '工作部门加载失败，请重试' : '该单位未设置工作部门'}
    />
  );
}
