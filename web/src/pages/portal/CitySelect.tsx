import { Select } from 'antd';
import { HENAN_PROVINCE_CODE, childRegions } from '@ce/shared';

const CITIES = childRegions(HENAN_PROVINCE_CODE).map((c) => ({ value: c.code, label: c.name }));

/** The city whose bureaus' notices the visitor adds to the province's (empty = the province's only). */
export function CitySelect({ value, onChange }: { value?: string; onChange: (city: string | undefined) => void }) {
  return (
    <Select
      aria-label="选择地市"
      style={{ width: 180 }}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择地市"
      options={CITIES}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
    />
  );
}

/** The chosen city is remembered on this browser, so a visitor's home keeps their city's notices. */
export const CITY_KEY = 'portal-city';
export const savedCity = () => {
  try {
    return localStorage.getItem(CITY_KEY) ?? undefined;
  } catch {
    return undefined;
  }
};
export const saveCity = (city: string | undefined) => {
  try {
    if (city) localStorage.setItem(CITY_KEY, city);
    else localStorage.removeItem(CITY_KEY);
  } catch {
    // private mode: the choice lasts for this page only
  }
};
