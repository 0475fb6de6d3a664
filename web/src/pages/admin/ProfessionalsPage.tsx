import { useState } from 'react';
import { App, Button, Card, Dropdown, Form, Input, Modal, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, DownOutlined, PrinterOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  GENDER_LABELS,
  ACCOUNT_STATUS_LABELS,
  professionalsApi,
  unitTransfersApi,
  type TitleLevel,
  type TitleSeries,
  adminsApi,
} from '@ce/shared';
import { call, errorMessage, href, searchBody } from '../../api/client';
import { fetchFile, saveBlob } from '../../lib/download';
import type { ChangeSubmitted, Me, ProfessionalListItem } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgPicker } from '../../components/OrgPicker';
import { useSignedIn } from '../../components/RequireAdmin';
import { WorkDepartmentSelect } from '../../components/WorkDepartmentSelect';
import { formatDateTime, yearNow } from '../../lib/format';
import { titleLevelOptions, titleSeriesOptions, titleText } from '../../lib/professionals';
import { STATUS_COLORS } from '../../lib/roles';
import { can, professionalActions } from './access';
import { BatchPrintModal } from './CertificatePrinting';
import { ProfessionalDetailDrawer } from './ProfessionalDetailDrawer';
import { ReasonModal } from './ReasonModal';
import { PagedTable } from '../../components/PagedTable';
import { Stacked } from '../../components/Stacked';

const PAGE = 20;
type ListStatus = 'pending' | 'active' | 'archived';

interface Filter {
  q?: string;
  orgId?: number;
  workDepartmentId?: number;
  titleSeries?: TitleSeries;
  titleLevel?: TitleLevel;
  status?: ListStatus;
}

const ARCHIVE_EXPLAINED =
  '注销归档后，该人员不能再登录平台；其注册信息、学时（分）记录和继续教育证书全部保留在系统中，不会删除，统计和证书查询照常可查。人社部门可随时恢复该账号。';

/** 人员管理 / 专技人员信息查询: search within the admin's scope, details, and the actions of each level. */
export function ProfessionalsPage() {
  const me = useSignedIn();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Filter>();
  const [filter, setFilter] = useState<Filter>({});
  const [detailId, setDetailId] = useState<number | null>(null);
  const [transferring, setTransferring] = useState<ProfessionalListItem | null>(null);
  const [archiving, setArchiving] = useState<ProfessionalListItem | null>(null);
  // 批量打印证书 (issue 8 item 3): the chosen rows, kept across 加载更多.
  const [chosen, setChosen] = useState<ProfessionalListItem[]>([]);
  const [printing, setPrinting] = useState<ProfessionalListItem[] | null>(null);
  const [exportYear, setExportYear] = useState(yearNow);
  const mayPrint = can(me, 'certificate.query');
  const filterOrgId = Form.useWatch('orgId', form);
  const isUnit = me.org.kind === 'unit';
  const wdUnitId = isUnit ? me.org.id : filterOrgId;

  const list = useInfiniteQuery({
    queryKey: ['admin', 'professionals', filter],
    queryFn: ({ pageParam }) =>
      call(professionalsApi.search, { body: searchBody({ ...filter, after: pageParam, limit: PAGE }) }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin'] });

  const resetPassword = useMutation({
    mutationFn: (p: ProfessionalListItem) => call(adminsApi.resetPassword, { params: { id: p.accountId } }),
    onSuccess: (res) => void message.success(res.message ?? '密码已重置'),
    onError: (err) => void message.error(errorMessage(err)),
  });
  const archive = useMutation({
    mutationFn: (d: { p: ProfessionalListItem; reason: string }) =>
      call(professionalsApi.archive, { params: { id: d.p.accountId }, body: { version: d.p.version, reason: d.reason } }),
    onSuccess: (res, d) => {
      setArchiving(null);
      modal.success({ title: `${d.p.name}已注销归档`, content: res.message });
      refresh();
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const restore = useMutation({
    mutationFn: (p: ProfessionalListItem) =>
      call(professionalsApi.restore, { params: { id: p.accountId }, body: { version: p.version } }),
    onSuccess: (res, p) => {
      modal.success({ title: `${p.name}的账号已恢复`, content: res.message });
      refresh();
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const actionsFor = (p: ProfessionalListItem) => {
    const items: { key: string; label: string; danger?: boolean; onClick: () => void }[] = [];
    if (professionalActions.resetPassword(me) && p.status === 'active') {
      items.push({
        key: 'reset',
        label: '重置密码',
        onClick: () =>
          modal.confirm({
            title: '重置密码',
            content: `确认将${p.name}的登录密码重置为身份证号后六位？重置后本人下次登录须修改密码。`,
            okText: '重置',
            onOk: () => resetPassword.mutateAsync(p).catch(() => undefined),
          }),
      });
    }
    if (mayPrint && p.status !== 'pending') {
      items.push({ key: 'print', label: '打印证书', onClick: () => setPrinting([p]) });
    }
    if (professionalActions.transferOut(me) && p.status === 'active' && p.unit.id === me.org.id) {
      items.push({ key: 'transfer', label: '调出', onClick: () => setTransferring(p) });
    }
    if (professionalActions.archive(me) && p.status === 'active') {
      items.push({ key: 'archive', label: '注销归档', danger: true, onClick: () => setArchiving(p) });
    }
    if (professionalActions.archive(me) && p.status === 'archived') {
      items.push({
        key: 'restore',
        label: '恢复账号',
        onClick: () =>
          modal.confirm({
            title: '恢复账号',
            content: `确认恢复${p.name}的账号？恢复后该人员可以重新登录，学时记录与证书一直保留。`,
            okText: '恢复',
            onOk: () => restore.mutateAsync(p).catch(() => undefined),
          }),
      });
    }
    return items;
  };

  const columns: ColumnsType<ProfessionalListItem> = [
    // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): secondary facts sit
    // under the key one in the same cell instead of in columns of their own.
    {
      title: '姓名',
      dataIndex: 'name',
      width: 90,
      fixed: 'left',
      render: (name: string, p) => (
        <>
          <Button type="link" style={{ padding: 0 }} onClick={() => setDetailId(p.accountId)}>
            {name}
          </Button>
          <div className="muted">{GENDER_LABELS[p.gender]}</div>
        </>
      ),
    },
    {
      title: '身份证号 / 手机',
      key: 'ids',
      width: 170,
      render: (_, p) => <Stacked main={p.idNumberMasked} sub={p.phoneMasked ?? '—'} mainNowrap />,
    },
    {
      title: isUnit ? '工作部门' : '所在单位 / 工作部门',
      key: 'unit',
      width: isUnit ? 120 : 160,
      render: (_, p) =>
        isUnit ? (
          (p.workDepartment?.name ?? '—')
        ) : (
          <>
            <div>{p.unit.name}</div>
            {p.workDepartment && <div className="muted">{p.workDepartment.name}</div>}
          </>
        ),
    },
    {
      title: '专业技术职务',
      key: 'title',
      width: 140,
      render: (_, p) => titleText(p.titleSeries, p.titleLevel),
    },
    { title: '证书管理号', dataIndex: 'certNo', width: 130 },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 90,
      render: (label: string, p) => <Tag color={STATUS_COLORS[p.status]}>{label}</Tag>,
    },
    { title: '注册时间', dataIndex: 'registeredAt', width: 100, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      // 详情 and 更多 side by side need 128 px with the cell padding.
      width: 130,
      fixed: 'right',
      render: (_, p) => {
        const items = actionsFor(p);
        return (
          <Space size={4}>
            <Button size="small" type="link" onClick={() => setDetailId(p.accountId)}>
              详情
            </Button>
            {items.length > 0 && (
              <Dropdown
                menu={{
                  items: items.map(({ key, label, danger }) => ({ key, label, danger })),
                  onClick: ({ key }) => items.find((i) => i.key === key)?.onClick(),
                }}
              >
                <Button size="small" type="link">
                  更多 <DownOutlined />
                </Button>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];

  // POST: the conditions (perhaps an ID number) stay out of the URL.
  const exportXlsx = useMutation({
    mutationFn: () => fetchFile(href(professionalsApi.exportXlsxPost), searchBody({ ...filter, year: exportYear })),
    onSuccess: (blob) => saveBlob(blob, '专业技术人员.xlsx'),
    onError: (err) => void message.error(errorMessage(err)),
  });

  return (
    <Card
      title="人员管理"
      extra={<span className="muted">管理范围内的专业技术人员；列表中身份证号、手机号已脱敏</span>}
    >
      <Form<Filter>
        form={form}
        name="people"
        layout="inline"
        className="filter-form"
        onFinish={(v) =>
          setFilter({
            q: v.q?.trim() || undefined,
            orgId: v.orgId,
            workDepartmentId: v.workDepartmentId,
            titleSeries: v.titleSeries,
            titleLevel: v.titleLevel,
            status: v.status,
          })
        }
        onValuesChange={(changed: Partial<Filter>) => {
          if ('orgId' in changed) form.setFieldValue('workDepartmentId', undefined);
        }}
      >
        <Form.Item name="q" label="姓名/身份证号">
          <Input allowClear placeholder="姓名或完整身份证号" style={{ width: 200 }} maxLength={50} />
        </Form.Item>
        {!isUnit && (
          <Form.Item name="orgId" label="所在单位" style={{ width: 560, maxWidth: '100%' }}>
            <OrgPicker kinds={['unit']} placeholder="单位名称关键字" />
          </Form.Item>
        )}
        {wdUnitId && (
          <Form.Item name="workDepartmentId" label="工作部门">
            <WorkDepartmentSelect unitId={wdUnitId} allowClear placeholder="全部" style={{ width: 150 }} />
          </Form.Item>
        )}
        <Form.Item name="titleSeries" label="职称系列">
          <Select
            allowClear
            placeholder="全部"
            options={titleSeriesOptions}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 150 }}
          />
        </Form.Item>
        <Form.Item name="titleLevel" label="级别">
          <Select allowClear placeholder="全部" options={titleLevelOptions} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select<ListStatus>
            allowClear
            placeholder="待审核和正常"
            style={{ width: 140 }}
            options={(['active', 'pending', 'archived'] as const).map((s) => ({
              value: s,
              label: ACCOUNT_STATUS_LABELS[s],
            }))}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilter({});
              }}
            >
              重置
            </Button>
            <Space.Compact>
              <Select
                aria-label="导出年度"
                value={exportYear}
                onChange={setExportYear}
                style={{ width: 110 }}
                options={Array.from({ length: 11 }, (_, i) => yearNow() - i).map((y) => ({ value: y, label: `${y}年度` }))}
              />
              <Button
                icon={<DownloadOutlined />}
                loading={exportXlsx.isPending}
                onClick={() => exportXlsx.mutate()}
                title={`按当前查询条件导出，含每人${exportYear}年度的公需、专业学时和认定结果；本单位人员身份证号、手机号完整，其他单位脱敏`}
              >
                导出Excel
              </Button>
            </Space.Compact>
            {mayPrint && (
              <Button icon={<PrinterOutlined />} disabled={chosen.length === 0} onClick={() => setPrinting(chosen)}>
                批量打印证书{chosen.length > 0 ? `（${chosen.length}人）` : ''}
              </Button>
            )}
          </Space>
        </Form.Item>
      </Form>
      <PagedTable<ProfessionalListItem>
        list={{ ...list, rows }}
        unit="名人员"
        emptyText="没有符合条件的人员"
        rowKey="accountId"
        columns={columns}
        scroll={{ x: isUnit ? 1000 : 1040 }}
        rowSelection={
          mayPrint
            ? {
                selectedRowKeys: chosen.map((p) => p.accountId),
                onChange: (_keys, selected) => setChosen(selected),
                getCheckboxProps: (p) => ({ disabled: p.status === 'pending', 'aria-label': `选择${p.name}` }),
                preserveSelectedRowKeys: true,
              }
            : undefined
        }
      />

      <ProfessionalDetailDrawer
        accountId={detailId}
        onClose={() => setDetailId(null)}
        footer={(d) => {
          const p = rows.find((r) => r.accountId === d.accountId);
          const items = p ? actionsFor(p) : [];
          return items.length ? (
            <Space wrap>
              {items.map((i) => (
                <Button key={i.key} danger={i.danger} onClick={i.onClick}>
                  {i.label}
                </Button>
              ))}
            </Space>
          ) : null;
        }}
      />
      <TransferOutModal
        person={transferring}
        me={me}
        onClose={() => setTransferring(null)}
        onDone={(res) => {
          setTransferring(null);
          void message.success(res.message);
          refresh();
        }}
      />
      <BatchPrintModal
        open={printing !== null}
        people={printing ?? []}
        onClose={() => setPrinting(null)}
      />
      <ReasonModal
        open={archiving !== null}
        title={`注销归档：${archiving?.name ?? ''}`}
        label="注销原因"
        okText="确认注销归档"
        placeholder="如：退休、去世"
        intro={ARCHIVE_EXPLAINED}
        loading={archive.isPending}
        onCancel={() => setArchiving(null)}
        onSubmit={(reason) => archiving && archive.mutate({ p: archiving, reason })}
      />
    </Card>
  );
}

/** 人员调出 (R-10 b): the old unit names the new unit; the new unit approves the transfer in. */
function TransferOutModal({
  person,
  me,
  onClose,
  onDone,
}: {
  person: ProfessionalListItem | null;
  me: Me;
  onClose: () => void;
  onDone: (res: ChangeSubmitted) => void;
}) {
  const [form] = Form.useForm<{ toUnitId?: number; note?: string }>();
  const submit = useMutation({
    mutationFn: (v: { toUnitId?: number; note?: string }) =>
      call(unitTransfersApi.transferOut, {
        params: { id: person!.accountId },
        body: { toUnitId: v.toUnitId!, note: v.note?.trim() || null },
      }),
    onSuccess: onDone,
  });
  return (
    <Modal
      open={person !== null}
      title={`人员调出：${person?.name ?? ''}`}
      okText="提交调出申请"
      okButtonProps={{ loading: submit.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterOpenChange={(open) => !open && submit.reset()}
      destroyOnHidden
      width={640}
    >
      <p>
        选择该人员调入的新单位并提交，新单位管理员同意调入后调转完成；证书管理号、学时记录和证书随本人转入新单位。
      </p>
      <Form form={form} name="transferOut" layout="vertical" onFinish={(v) => submit.mutate(v)}>
        <Form.Item
          name="toUnitId"
          label="调入单位"
          extra="先选择新单位所在的区划，再按名称关键字查找"
          rules={[
            { required: true, message: '请选择调入的新单位' },
            {
              validator: async (_, v: number | undefined) => {
                if (v === me.org.id) throw new Error('调入单位不能是当前所在单位');
              },
            },
          ]}
        >
          <OrgPicker kinds={['unit']} placeholder="输入新单位名称关键字搜索" />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={200} showCount placeholder="选填，如：工作调动" />
        </Form.Item>
      </Form>
      <ErrorAlert error={submit.error} />
    </Modal>
  );
}
