import { Cascader } from 'antd';
import { HENAN_PROVINCE_CODE, childRegions, regionByCode } from '@ce/shared';

interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

/** 河南省（省直） → 17 cities and 济源 → their counties; any level can be chosen. */
const OPTIONS: RegionOption[] = [
  {
    value: HENAN_PROVINCE_CODE,
    label: '河南省（省直）',
    children: childRegions(HENAN_PROVINCE_CODE).map((city) => {
      const counties = childRegions(city.code);
      return {
        value: city.code,
        label: city.name,
        children: counties.length
          ? counties.map((c) => ({
              value: c.code,
              label: c.directlyAdministered ? `${c.name}（省直管）` : c.name,
            }))
          : undefined,
      };
    }),
  },
];

/** The cascader path of a 6-digit region code. */
export function regionPath(code: string | undefined): string[] {
  const region = code ? regionByCode(code) : undefined;
  if (!region) return [];
  if (region.level === 'province') return [region.code];
  if (region.level === 'city') return [HENAN_PROVINCE_CODE, region.code];
  return [HENAN_PROVINCE_CODE, region.parentCode ?? HENAN_PROVINCE_CODE, region.code];
}

interface Props {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}

/** Picks one Henan region code (GB/T 2260); 省直 is the province itself. */
export function RegionCascader({
  id,
  value,
  onChange,
  placeholder = '请选择行政区划',
  allowClear = true,
  style,
}: Props) {
  return (
    <Cascader<RegionOption>
      id={id}
      options={OPTIONS}
      value={regionPath(value)}
      onChange={(path) => onChange?.(path && path.length ? String(path[path.length - 1]) : undefined)}
      changeOnSelect
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch={{ filter: (input, path) => path.some((o) => o.label.includes(input.trim())) }}
      style={{ width: '100%', ...style }}
    />
  );
}
