import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Col, Empty, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isProvinceBureau, statisticsApi, type EndpointRequest, type EndpointResponse, type StatFigures, type StatTable } from '@ce/shared';
import { call, errorMessage, href } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PagedTable } from '../../../components/PagedTable';
import { useSignedIn } from '../../../components/RequireAdmin';
import { WorkDepartmentSelect } from '../../../components/WorkDepartmentSelect';
import { fetchFile, saveBlob } from '../../../lib/download';
import { formatDateTime, yearNow } from '../../../lib/format';
import { titleLevelOptions, titleSeriesOptions } from '../../../lib/professionals';
import { StatChart } from './StatChart';

type Overview = EndpointResponse<typeof statisticsApi.overview>;
type Children = EndpointResponse<typeof statisticsApi.children>;
type UnmetList = EndpointResponse<typeof statisticsApi.unmet>;
type UnmetItem = UnmetList['items'][number];

const thisYear = yearNow();
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const hours = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 1 });

function figureColumns<T extends StatFigures>(): ColumnsType<T> {
  return [
    { title: '注册人数', dataIndex: 'registered', align: 'right', sorter: (a, b) => a.registered - b.registered },
    { title: '有学时人数', dataIndex: 'withHours', align: 'right' },
    { title: '达标人数', dataIndex: 'passed', align: 'right', sorter: (a, b) => a.passed - b.passed },
    { title: '达标率', dataIndex: 'passRate', align: 'right', render: percent, sorter: (a, b) => a.passRate - b.passRate },
    { title: '公需学时', dataIndex: 'publicHours', align: 'right', render: hours },
    { title: '专业学时', dataIndex: 'professionalHours', align: 'right', render: hours },
    { title: '待审核申报', dataIndex: 'pending', align: 'right' },
  ];
}

/** The list's filter: the query of the unmet endpoint without the organisation, year and page. */
type UnmetFilter = Omit<NonNullable<EndpointRequest<typeof statisticsApi.unmet>['query']>, 'orgId' | 'year' | 'before' | 'limit'> & {
  workDepartmentId?: number;
};

/** 查询统计: the figures of the admin's own subtree, drill-down, charts and the 未达标名单. */
export function StatisticsPage() {
  const me = useSignedIn();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(thisYear);
  const [orgId, setOrgId] = useState<number>(me.org.id);
  const [tab, setTab] = useState('children');
  const [unmetFilter, setUnmetFilter] = useState<UnmetFilter>({});
  const [exporting, setExporting] = useState<string | null>(null);
  const [form] = Form.useForm<UnmetFilter>();

  const overview = useQuery({
    queryKey: ['admin', 'statistics', 'overview', orgId, year],
    queryFn: () => call(statisticsApi.overview, { query: { orgId, year } }),
  });
  const children = useQuery({
    queryKey: ['admin', 'statistics', 'children', orgId, year],
    queryFn: () => call(statisticsApi.children, { query: { orgId, year, limit: 500 } }),
  });
  const trend = useQuery({
    queryKey: ['admin', 'statistics', 'trend', orgId, year],
    queryFn: () => call(statisticsApi.trend, { query: { orgId, from: year - 4, to: year } }),
    enabled: tab === 'trend',
  });
  const unmet = useInfiniteQuery({
    queryKey: ['admin', 'statistics', 'unmet', orgId, year, unmetFilter],
    queryFn: ({ pageParam }) =>
      call(statisticsApi.unmet, { query: { orgId, year, ...unmetFilter, before: pageParam, limit: 50 } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    enabled: tab === 'unmet',
  });
  const refresh = useMutation({
    mutationFn: () => call(statisticsApi.refresh, { body: { year } }),
    onSuccess: (r) => {
      message.success(`统计数据已重新汇总（用时${(r.durationMs / 1000).toFixed(1)}秒）`);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'statistics'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const download = async (key: string, path: string, filename: string) => {
    setExporting(key);
    try {
      saveBlob(await fetchFile(path), filename);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(null);
    }
  };
  const exportTable = (table: StatTable, label: string) =>
    download(table, href(statisticsApi.tableXlsx, { query: { orgId, year, table, from: year - 4, to: year } }), `${o?.org.name ?? ''}${label}.xlsx`);

  const o = overview.data;
  const t = o?.totals;
  const isUnit = o?.org.kind === 'unit';

  const childColumns: ColumnsType<Children['items'][number]> = [
    {
      title: '机构',
      key: 'org',
      render: (_, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOrgId(r.org.id)}>
          {r.org.name}
        </Button>
      ),
    },
    ...figureColumns<Children['items'][number]>(),
  ];
  const unmetColumns: ColumnsType<UnmetItem> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '身份证号', dataIndex: 'idNumberMasked' },
    { title: '所在单位', key: 'unit', render: (_, r) => r.unit.name },
    { title: '工作部门', key: 'wd', render: (_, r) => r.workDepartment?.name ?? '—' },
    { title: '职称', key: 'title', render: (_, r) => `${r.titleSeries}·${r.titleLevelLabel}` },
    { title: '公需学时', key: 'pub', align: 'right', render: (_, r) => `${hours(r.publicHours)} / ${r.requiredPublic}` },
    { title: '专业学时', key: 'prof', align: 'right', render: (_, r) => `${hours(r.professionalHours)} / ${r.requiredProfessional}` },
    {
      title: '尚缺',
      key: 'missing',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.missingPublic > 0 && <Tag color="orange">公需 {hours(r.missingPublic)} 学时</Tag>}
          {r.missingProfessional > 0 && <Tag color="red">专业 {hours(r.missingProfessional)} 学时</Tag>}
        </Space>
      ),
    },
  ];
  const unmetItems = unmet.data?.pages.flatMap((p) => p.items) ?? [];
  const unmetTotal = unmet.data?.pages[0]?.total;

  const tabs = [
    {
      key: 'children',
      label: '按机构',
      children: (
        <>
          <Space style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">点击机构名称逐级查看下级机构，直至单个单位。</Typography.Text>
            <Button size="small" icon={<DownloadOutlined />} loading={exporting === 'children'} onClick={() => void exportTable('children', '按机构统计')}>
              导出 Excel
            </Button>
          </Space>
          <Table
            rowKey={(r) => r.org.id}
            size="small"
            loading={children.isLoading}
            columns={childColumns}
            dataSource={children.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description="没有下级机构" /> }}
            scroll={{ x: 900 }}
          />
        </>
      ),
    },
    {
      key: 'region',
      label: '按地区',
      children: o && (
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <StatChart
              title={`${o.org.name}${year}年度各地区达标率`}
              exporting={exporting === 'region'}
              onExportData={() => void exportTable('region', '按地区统计')}
              option={{
                tooltip: { trigger: 'axis', valueFormatter: (v) => `${(Number(v) * 100).toFixed(1)}%` },
                grid: { left: 50, right: 20, bottom: 80, top: 50 },
                xAxis: { type: 'category', data: o.byRegion.map((r) => r.regionName), axisLabel: { rotate: 40 } },
                yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
                series: [{ type: 'bar', name: '达标率', data: o.byRegion.map((r) => r.passRate), itemStyle: { color: '#1677ff' } }],
              }}
            />
          </Col>
          <Col xs={24} lg={10}>
            <Table
              rowKey="regionCode"
              size="small"
              columns={[{ title: '地区', dataIndex: 'regionName' }, ...figureColumns<Overview['byRegion'][number]>().slice(0, 4)]}
              dataSource={o.byRegion}
              pagination={false}
            />
          </Col>
        </Row>
      ),
    },
    {
      key: 'trend',
      label: '历年趋势',
      children: (
        <StatChart
          title={`${o?.org.name ?? ''}${year - 4}—${year}年度趋势`}
          exporting={exporting === 'trend'}
          onExportData={() => void exportTable('trend', '历年趋势')}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { top: 28 },
            grid: { left: 60, right: 60, bottom: 40, top: 70 },
            xAxis: { type: 'category', data: (trend.data?.items ?? []).map((i) => `${i.year}`) },
            yAxis: [
              { type: 'value', name: '人数' },
              { type: 'value', name: '达标率', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
            ],
            series: [
              { type: 'line', name: '注册人数', data: (trend.data?.items ?? []).map((i) => i.registered) },
              { type: 'line', name: '达标人数', data: (trend.data?.items ?? []).map((i) => i.passed) },
              { type: 'line', name: '达标率', yAxisIndex: 1, data: (trend.data?.items ?? []).map((i) => i.passRate) },
            ],
          }}
        />
      ),
    },
    {
      key: 'form',
      label: '按学习形式',
      children: o && (
        <HoursBreakdown
          title={`${year}年度学时按学习形式分布`}
          label="学习形式"
          rows={o.byForm.map((f) => ({ key: f.form, label: f.formLabel, ...f }))}
          exporting={exporting === 'form'}
          onExportData={() => void exportTable('form', '按学习形式统计学时')}
        />
      ),
    },
    {
      key: 'source',
      label: '按学时来源',
      children: o && (
        <HoursBreakdown
          title={`${year}年度学时按来源分布`}
          label="学时来源"
          rows={o.bySource.map((f) => ({ key: f.source, label: f.sourceLabel, ...f }))}
          exporting={exporting === 'source'}
          onExportData={() => void exportTable('source', '按学时来源统计学时')}
        />
      ),
    },
    {
      key: 'series',
      label: '按职称',
      children: o && (
        <>
          <Button size="small" style={{ marginBottom: 8 }} icon={<DownloadOutlined />} loading={exporting === 'series'} onClick={() => void exportTable('series', '按职称系列与级别统计')}>
            导出 Excel
          </Button>
          <Table
            rowKey={(r) => `${r.titleSeries}|${r.titleLevel}`}
            size="small"
            dataSource={o.bySeries}
            columns={[{ title: '职称系列', dataIndex: 'titleSeries' }, { title: '级别', dataIndex: 'titleLevelLabel' }, ...figureColumns<Overview['bySeries'][number]>()]}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
          />
        </>
      ),
    },
    ...(isUnit
      ? [
          {
            key: 'workdept',
            label: '按工作部门',
            children: o && (
              <>
                <Button size="small" style={{ marginBottom: 8 }} icon={<DownloadOutlined />} loading={exporting === 'workdept'} onClick={() => void exportTable('workdept', '按工作部门统计')}>
                  导出 Excel
                </Button>
                <Table
                  rowKey={(r) => r.workDepartmentId ?? 0}
                  size="small"
                  dataSource={o.byWorkDepartment}
                  columns={[{ title: '工作部门', dataIndex: 'workDepartmentName' }, ...figureColumns<Overview['byWorkDepartment'][number]>()]}
                  pagination={false}
                  scroll={{ x: 900 }}
                />
              </>
            ),
          },
        ]
      : []),
    {
      key: 'unmet',
      label: '未达标名单',
      children: (
        <>
          <Form
            form={form}
            layout="inline"
            style={{ marginBottom: 12, rowGap: 8 }}
            onFinish={(v) => setUnmetFilter(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) as UnmetFilter)}
          >
            <Form.Item name="q">
              <Input placeholder="姓名" allowClear style={{ width: 120 }} />
            </Form.Item>
            {isUnit && (
              <Form.Item name="workDepartmentId">
                <WorkDepartmentSelect unitId={orgId} placeholder="工作部门" allowClear style={{ width: 150 }} />
              </Form.Item>
            )}
            <Form.Item name="titleSeries">
              <Select placeholder="职称系列" allowClear options={titleSeriesOptions} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="titleLevel">
              <Select placeholder="级别" allowClear options={titleLevelOptions} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="missing">
              <Select
                placeholder="所缺学时"
                allowClear
                style={{ width: 130 }}
                options={[
                  { value: 'public', label: '缺公需学时' },
                  { value: 'professional', label: '缺专业学时' },
                ]}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting === 'unmet'}
              onClick={() => void download('unmet', href(statisticsApi.unmetXlsx, { query: { orgId, year, ...unmetFilter } }), `${o?.org.name ?? ''}${year}年度未达标名单.xlsx`)}
            >
              导出 Excel
            </Button>
          </Form>
          {unmetTotal != null && (
            <Typography.Paragraph type="secondary">
              {year}年度共 {unmetTotal} 人尚未达到学时要求（按上次汇总）。尚缺学时 = 应修学时 − 已审核通过（备案）的学时；待审核的学时审核通过后计入。
            </Typography.Paragraph>
          )}
          <ErrorAlert error={unmet.error} />
          <PagedTable
            list={{ ...unmet, rows: unmetItems, isPending: unmet.isLoading }}
            unit="人"
            emptyText="暂无未达到学时要求的人员"
            rowKey="accountId"
            size="small"
            columns={unmetColumns}
            scroll={{ x: 1000 }}
          />
        </>
      ),
    },
  ];

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <span>统计年度</span>
            <InputNumber min={2013} max={thisYear} value={year} onChange={(v) => v && setYear(v)} style={{ width: 100 }} />
            {o && (
              <Breadcrumb
                aria-label="统计范围"
                items={o.breadcrumbs.map((b, i) => ({
                  title:
                    i === o.breadcrumbs.length - 1 ? (
                      <strong>{b.name}</strong>
                    ) : (
                      <a onClick={() => setOrgId(b.id)}>{b.name}</a>
                    ),
                }))}
              />
            )}
          </Space>
          <Space wrap>
            <Typography.Text type="secondary">
              {o?.refreshedAt ? `数据汇总于 ${formatDateTime(o.refreshedAt)}（每小时自动更新）` : '本年度统计尚未汇总（每小时自动更新）'}
            </Typography.Text>
            {isProvinceBureau(me.org) && (
              <Button size="small" icon={<ReloadOutlined />} loading={refresh.isPending} onClick={() => refresh.mutate()}>
                立即汇总
              </Button>
            )}
          </Space>
        </Space>
        {o?.scopeNote && <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>{o.scopeNote}</Typography.Paragraph>}
      </Card>
      <ErrorAlert error={overview.error} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {[
          ['注册人数', t?.registered],
          ['有学时人数', t?.withHours],
          ['达标人数', t?.passed],
          ['达标率', t ? percent(t.passRate) : undefined],
          ['公需学时', t ? hours(t.publicHours) : undefined],
          ['专业学时', t ? hours(t.professionalHours) : undefined],
          ['待审核申报', t?.pending],
        ].map(([label, value]) => (
          <Col key={label as string} xs={12} sm={8} lg={6} xl={3}>
            <Card size="small">
              <Statistic title={label as string} value={value ?? '—'} loading={overview.isLoading} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <Tabs activeKey={tab} onChange={setTab} items={tabs} />
      </Card>
    </>
  );
}

interface HoursRow {
  key: string;
  label: string;
  publicHours: number;
  professionalHours: number;
  pending: number;
}

/** Approved hours split by one dimension (learning form, source): a pie and its table. */
function HoursBreakdown(props: { title: string; label: string; rows: HoursRow[]; exporting: boolean; onExportData: () => void }) {
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <StatChart
          title={props.title}
          exporting={props.exporting}
          onExportData={props.onExportData}
          option={{
            tooltip: { trigger: 'item', formatter: '{b}：{c} 学时（{d}%）' },
            series: [
              {
                type: 'pie',
                radius: ['30%', '60%'],
                top: 30,
                data: props.rows.map((f) => ({ name: f.label, value: Math.round((f.publicHours + f.professionalHours) * 10) / 10 })),
              },
            ],
          }}
        />
      </Col>
      <Col xs={24} lg={12}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={props.rows}
          columns={[
            { title: props.label, dataIndex: 'label' },
            { title: '公需学时', dataIndex: 'publicHours', align: 'right', render: hours },
            { title: '专业学时', dataIndex: 'professionalHours', align: 'right', render: hours },
            { title: '待审核申报', dataIndex: 'pending', align: 'right' },
          ]}
        />
      </Col>
    </Row>
  );
}
