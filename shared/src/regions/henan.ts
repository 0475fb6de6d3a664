// Henan Province administrative divisions (GB/T 2260 codes, current as of 2023).
//
// Contents:
// - 410000 河南省 (level 'province'; it also stands for 省直, the province-level units);
// - the 17 prefecture-level cities 410100 郑州市 … 411700 驻马店市;
// - 419001 济源市 (level 'city', directly administered by the province);
// - every county-level division (市辖区 / 县 / 县级市) of the 17 cities. No '市辖区'
//   placeholders (e.g. 410101) and no development zones (the x7x codes of the
//   statistical division codes, e.g. 410171 郑州经济技术开发区).
//
// County-level count: 156 under the 17 cities + 济源 = 157, matching the official total
// (54 市辖区 + 21 县级市 incl. 济源 + 82 县):
//   郑州 12, 开封 9, 洛阳 14, 平顶山 10, 安阳 9, 鹤壁 5, 新乡 12, 焦作 10, 濮阳 6,
//   许昌 6, 漯河 5, 三门峡 6, 南阳 13, 商丘 9, 信阳 10, 周口 10, 驻马店 10.
//
// Recent changes reflected: 祥符区 410212 (was 开封县 410224, 2014); 建安区 411003
// (was 许昌县 411023, 2017); 陕州区 411203 (was 陕县 411222, 2015); 长垣市 410783
// (was 长垣县 410728, 2019); 淮阳区 411603 (was 淮阳县 411626, 2019); 偃师区 410307
// (was 偃师市 410381) and 孟津区 410308 (was 孟津县 410322, absorbing 吉利区 410306), 2021.
//
// The 10 directly administered counties (省直管县) keep their code-hierarchy parent
// (e.g. 巩义市 → 410100 郑州市) and carry `directlyAdministered: true`.

export type RegionLevel = 'province' | 'city' | 'county';

export interface Region {
  /** 6-digit GB/T 2260 code. */
  code: string;
  /** Official short Chinese name, e.g. '金水区', '郑州市', '巩义市'. */
  name: string;
  level: RegionLevel;
  /**
   * Parent in the GB/T 2260 code hierarchy: null for the province, '410000' for cities
   * (incl. 济源), the city code for counties (incl. directly administered counties).
   */
  parentCode: string | null;
  /** Set only on the 10 省直管县 and on 济源. */
  directlyAdministered?: true;
}

export const HENAN_PROVINCE_CODE = '410000';
export const JIYUAN_CODE = '419001';

/** The 10 directly administered counties (省直管县). */
export const DIRECTLY_ADMINISTERED_COUNTY_CODES: readonly string[] = Object.freeze([
  '410181', // 巩义市
  '410225', // 兰考县
  '410482', // 汝州市
  '410526', // 滑县
  '410783', // 长垣市
  '411381', // 邓州市
  '411481', // 永城市
  '411525', // 固始县
  '411628', // 鹿邑县
  '411729', // 新蔡县
]);

type CountyRow = readonly [code: string, name: string];
type CityRow = readonly [code: string, name: string, counties: readonly CountyRow[]];

const CITIES: readonly CityRow[] = [
  ['410100', '郑州市', [
    ['410102', '中原区'], ['410103', '二七区'], ['410104', '管城回族区'], ['410105', '金水区'],
    ['410106', '上街区'], ['410108', '惠济区'], ['410122', '中牟县'], ['410181', '巩义市'],
    ['410182', '荥阳市'], ['410183', '新密市'], ['410184', '新郑市'], ['410185', '登封市'],
  ]],
  ['410200', '开封市', [
    ['410202', '龙亭区'], ['410203', '顺河回族区'], ['410204', '鼓楼区'], ['410205', '禹王台区'],
    ['410212', '祥符区'], ['410221', '杞县'], ['410222', '通许县'], ['410223', '尉氏县'],
    ['410225', '兰考县'],
  ]],
  ['410300', '洛阳市', [
    ['410302', '老城区'], ['410303', '西工区'], ['410304', '瀍河回族区'], ['410305', '涧西区'],
    ['410307', '偃师区'], ['410308', '孟津区'], ['410311', '洛龙区'], ['410323', '新安县'],
    ['410324', '栾川县'], ['410325', '嵩县'], ['410326', '汝阳县'], ['410327', '宜阳县'],
    ['410328', '洛宁县'], ['410329', '伊川县'],
  ]],
  ['410400', '平顶山市', [
    ['410402', '新华区'], ['410403', '卫东区'], ['410404', '石龙区'], ['410411', '湛河区'],
    ['410421', '宝丰县'], ['410422', '叶县'], ['410423', '鲁山县'], ['410425', '郏县'],
    ['410481', '舞钢市'], ['410482', '汝州市'],
  ]],
  ['410500', '安阳市', [
    ['410502', '文峰区'], ['410503', '北关区'], ['410505', '殷都区'], ['410506', '龙安区'],
    ['410522', '安阳县'], ['410523', '汤阴县'], ['410526', '滑县'], ['410527', '内黄县'],
    ['410581', '林州市'],
  ]],
  ['410600', '鹤壁市', [
    ['410602', '鹤山区'], ['410603', '山城区'], ['410611', '淇滨区'], ['410621', '浚县'],
    ['410622', '淇县'],
  ]],
  ['410700', '新乡市', [
    ['410702', '红旗区'], ['410703', '卫滨区'], ['410704', '凤泉区'], ['410711', '牧野区'],
    ['410721', '新乡县'], ['410724', '获嘉县'], ['410725', '原阳县'], ['410726', '延津县'],
    ['410727', '封丘县'], ['410781', '卫辉市'], ['410782', '辉县市'], ['410783', '长垣市'],
  ]],
  ['410800', '焦作市', [
    ['410802', '解放区'], ['410803', '中站区'], ['410804', '马村区'], ['410811', '山阳区'],
    ['410821', '修武县'], ['410822', '博爱县'], ['410823', '武陟县'], ['410825', '温县'],
    ['410882', '沁阳市'], ['410883', '孟州市'],
  ]],
  ['410900', '濮阳市', [
    ['410902', '华龙区'], ['410922', '清丰县'], ['410923', '南乐县'], ['410926', '范县'],
    ['410927', '台前县'], ['410928', '濮阳县'],
  ]],
  ['411000', '许昌市', [
    ['411002', '魏都区'], ['411003', '建安区'], ['411024', '鄢陵县'], ['411025', '襄城县'],
    ['411081', '禹州市'], ['411082', '长葛市'],
  ]],
  ['411100', '漯河市', [
    ['411102', '源汇区'], ['411103', '郾城区'], ['411104', '召陵区'], ['411121', '舞阳县'],
    ['411122', '临颍县'],
  ]],
  ['411200', '三门峡市', [
    ['411202', '湖滨区'], ['411203', '陕州区'], ['411221', '渑池县'], ['411224', '卢氏县'],
    ['411281', '义马市'], ['411282', '灵宝市'],
  ]],
  ['411300', '南阳市', [
    ['411302', '宛城区'], ['411303', '卧龙区'], ['411321', '南召县'], ['411322', '方城县'],
    ['411323', '西峡县'], ['411324', '镇平县'], ['411325', '内乡县'], ['411326', '淅川县'],
    ['411327', '社旗县'], ['411328', '唐河县'], ['411329', '新野县'], ['411330', '桐柏县'],
    ['411381', '邓州市'],
  ]],
  ['411400', '商丘市', [
    ['411402', '梁园区'], ['411403', '睢阳区'], ['411421', '民权县'], ['411422', '睢县'],
    ['411423', '宁陵县'], ['411424', '柘城县'], ['411425', '虞城县'], ['411426', '夏邑县'],
    ['411481', '永城市'],
  ]],
  ['411500', '信阳市', [
    ['411502', '浉河区'], ['411503', '平桥区'], ['411521', '罗山县'], ['411522', '光山县'],
    ['411523', '新县'], ['411524', '商城县'], ['411525', '固始县'], ['411526', '潢川县'],
    ['411527', '淮滨县'], ['411528', '息县'],
  ]],
  ['411600', '周口市', [
    ['411602', '川汇区'], ['411603', '淮阳区'], ['411621', '扶沟县'], ['411622', '西华县'],
    ['411623', '商水县'], ['411624', '沈丘县'], ['411625', '郸城县'], ['411627', '太康县'],
    ['411628', '鹿邑县'], ['411681', '项城市'],
  ]],
  ['411700', '驻马店市', [
    ['411702', '驿城区'], ['411721', '西平县'], ['411722', '上蔡县'], ['411723', '平舆县'],
    ['411724', '正阳县'], ['411725', '确山县'], ['411726', '泌阳县'], ['411727', '汝南县'],
    ['411728', '遂平县'], ['411729', '新蔡县'],
  ]],
];

function buildRegions(): Region[] {
  const directCounties = new Set(DIRECTLY_ADMINISTERED_COUNTY_CODES);
  const out: Region[] = [
    { code: HENAN_PROVINCE_CODE, name: '河南省', level: 'province', parentCode: null },
  ];
  for (const [cityCode, cityName] of CITIES) {
    out.push({ code: cityCode, name: cityName, level: 'city', parentCode: HENAN_PROVINCE_CODE });
  }
  out.push({
    code: JIYUAN_CODE,
    name: '济源市',
    level: 'city',
    parentCode: HENAN_PROVINCE_CODE,
    directlyAdministered: true,
  });
  for (const [cityCode, , counties] of CITIES) {
    for (const [code, name] of counties) {
      const region: Region = { code, name, level: 'county', parentCode: cityCode };
      if (directCounties.has(code)) region.directlyAdministered = true;
      out.push(region);
    }
  }
  return out;
}

/**
 * All Henan regions: the province, then the 17 cities and 济源, then the counties
 * grouped by city in code order.
 */
export const HENAN_REGIONS: readonly Region[] = Object.freeze(
  buildRegions().map((r) => Object.freeze(r)),
);
