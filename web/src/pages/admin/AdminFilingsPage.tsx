import { useEffect, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  adminFilingRequest,
  adminFilingsApi,
  CERTIFICATE_ADMIN_DUTIES,
  INDUSTRIES,
  isProvinceBureau,
  type AdminFilingRequest,
  type EndpointResponse,
  organisationsApi,
} from '@ce/shared';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSignedIn } from '../../components/RequireAdmin';
import { formatDateTime } from '../../lib/format';
import { zodRule } from '../../lib/zodRule';
import { orgDetailKey } from './OrgDetailDrawer';
import './certificates.css';
import { PagedTable } from '../../components/PagedTable';

const PAGE = 50;
type AdminFiling = EndpointResponse<typeof adminFilingsApi.file>;
const FORM_TITLE = '河南省专业技术人员继续教育证书管理员信息备案表';
type Scope = 'all' | 'own';

/**
 * 管理员备案 (附件3, R-24): the issuing bureaus and the 省直 organisations file their certificate
 * administrators with the province HRSS; the province sees every filing.
 */
export function AdminFilingsPage() {
  const me = useSignedIn();
  const province = isProvinceBureau(me.org);
  const [scope, setScope] = useState<Scope>(province ? 'all' : 'own');
  const [filing, setFiling] = useState(false);
  const [detail, setDetail] = useState<AdminFiling | null>(null);

  const list = useInfiniteQuery({
    queryKey: ['admin', 'admin-filings', scope, me.org.id],
    queryFn: ({ pageParam }) =>
      scope === 'all'
        ? call(adminFilingsApi.list, { query: { after: pageParam, limit: PAGE } })
        : call(adminFilingsApi.ofOrganisation, { params: { id: me.org.id }, query: { after: pageParam, limit: PAGE } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const ownNone = scope === 'own' && list.isSuccess && rows.length === 0;

  // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): secondary facts sit
  // under the key one in the same cell instead of in columns of their own.
  const columns: ColumnsType<AdminFiling> = [
    ...(scope === 'all'
      ? [{ title: '报送单位', dataIndex: 'orgName', width: 240, ellipsis: true } as const]
      : []),
    {
      title: '管理员姓名',
      dataIndex: 'adminName',
      width: 100,
      render: (name: string, f) => (
        <>
          <Button type="link" style={{ padding: 0 }} onClick={() => setDetail(f)}>
            {name}
          </Button>
          <div className="muted">{f.gender}</div>
        </>
      ),
    },
    {
      title: '工作部门 / 职务',
      dataIndex: 'workDepartment',
      width: 180,
      render: (wd: string, f) => (
        <>
          <div className="cell-ellipsis" title={wd}>
            {wd}
          </div>
          <div className="muted cell-ellipsis" title={f.title}>
            {f.title}
          </div>
        </>
      ),
    },
    {
      title: '联系电话 / 电子信箱',
      dataIndex: 'phone',
      width: 220,
      render: (phone: string, f) => (
        <>
          <div className="nowrap">{phone}</div>
          <div className="muted cell-ellipsis" title={f.email}>
            {f.email}
          </div>
        </>
      ),
    },
    { title: '报送时间', dataIndex: 'filedAt', width: 110, render: formatDateTime },
    { title: '报送人', dataIndex: 'filedByName', width: 90 },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, f) => (
        <Button size="small" type="link" onClick={() => setDetail(f)}>
          详情
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="管理员备案"
      extra={
        <Button type="primary" onClick={() => setFiling(true)}>
          填写备案表
        </Button>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        各省辖市、省直管县（市）人力资源社会保障部门和省直各单位须指定专人负责电子证书管理，并将管理员信息报省人力资源和社会保障厅专业技术人员管理处备案。
      </p>
      <Space wrap style={{ marginBottom: 16 }}>
        {province && (
          <Segmented<Scope>
            value={scope}
            onChange={setScope}
            options={[
              { value: 'all', label: '全省备案' },
              { value: 'own', label: '本单位备案' },
            ]}
          />
        )}
        <Button onClick={() => void list.refetch()}>刷新</Button>
      </Space>
      {ownNone && (
        <Alert
          type="warning"
          showIcon
          title="本单位尚未报送证书管理员信息"
          description="请点击“填写备案表”，填写管理员信息后报送备案。"
          style={{ marginBottom: 16 }}
        />
      )}
      <PagedTable<AdminFiling>
        list={{ ...list, rows }}
        unit="条备案记录"
        emptyText="暂无备案记录"
        rowKey="id"
        columns={columns}
        scroll={{ x: scope === 'all' ? 1020 : 780 }}
      />

      <FilingFormDrawer open={filing} onClose={() => setFiling(false)} />
      <FilingDrawer filing={detail} onClose={() => setDetail(null)} />
    </Card>
  );
}

type FilingForm = AdminFilingRequest;

const UNIT_FIELDS = ['unitName', 'industry', 'orgCode', 'address'] as const;

/** The 附件3 form: the unit's lines, the administrator's, and the duties printed on it. */
function FilingFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useSignedIn();
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FilingForm>();
  // The unit's own record fills in its lines (an admin may always read their own organisation).
  const org = useQuery({
    queryKey: orgDetailKey(me.org.id),
    queryFn: () => call(organisationsApi.detail, { params: { id: me.org.id } }),
    enabled: open,
    retry: false,
  });
  useEffect(() => {
    const o = org.data;
    if (!o || !open) return;
    const known: Partial<FilingForm> = {
      unitName: o.name,
      industry: o.industry ?? undefined,
      orgCode: o.creditCode ?? undefined,
      address: o.address ?? undefined,
    };
    form.setFieldsValue(
      Object.fromEntries(
        UNIT_FIELDS.filter((k) => known[k] && !form.isFieldTouched(k)).map((k) => [k, known[k]]),
      ),
    );
  }, [org.data, open, form]);

  const submit = useMutation({
    mutationFn: (v: FilingForm) =>
      call(adminFilingsApi.file, {
        params: { id: me.org.id },
        body: { ...v, orgCode: v.orgCode.trim().toUpperCase(), fax: v.fax?.trim() || undefined },
      }),
    onSuccess: (f) => {
      void message.success(`已报送管理员“${f.adminName}”的备案信息`);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'admin-filings'] });
      form.resetFields();
      onClose();
    },
  });

  const shape = adminFilingRequest.shape;
  const field = (
    name: keyof FilingForm,
    label: string,
    input: ReactNode,
    opts: { required?: boolean; span?: number } = {},
  ) => (
    <Col xs={24} md={opts.span ?? 12}>
      <Form.Item name={name} label={label} required={opts.required ?? true} rules={[zodRule(shape[name])]}>
        {input}
      </Form.Item>
    </Col>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={FORM_TITLE}
      size={screens.md ? 760 : '100%'}
      footer={
        <Space>
          <Button type="primary" loading={submit.isPending} onClick={() => form.submit()}>
            报送备案
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      }
    >
      <Form<FilingForm>
        form={form}
        name="adminFiling"
        layout="vertical"
        initialValues={{ unitName: me.org.name }}
        onFinish={(v) => submit.mutate(v)}
      >
        <div className="filing-section">单位信息</div>
        <Row gutter={16}>
          {field('unitName', '单位名称', <Input maxLength={100} />)}
          {field(
            'industry',
            '行业类别',
            <Select
              showSearch
              placeholder="请选择行业类别"
              options={INDUSTRIES.map((v) => ({ value: v, label: v }))}
            />,
          )}
          {field(
            'orgCode',
            '单位组织机构代码',
            <Input maxLength={18} placeholder="18位统一社会信用代码或9位组织机构代码" />,
          )}
        </Row>
        <div className="filing-section">管理员信息</div>
        <Row gutter={16}>
          {field('adminName', '管理员姓名', <Input maxLength={50} />)}
          {field(
            'gender',
            '性别',
            <Radio.Group
              options={[
                { value: '男', label: '男' },
                { value: '女', label: '女' },
              ]}
            />,
          )}
          {field('workDepartment', '工作部门', <Input maxLength={50} placeholder="例如：专业技术人员管理科" />)}
          {field('title', '职务', <Input maxLength={50} />)}
          {field('phone', '联系电话', <Input maxLength={20} placeholder="手机号或区号-号码" />)}
          {field('fax', '传真', <Input maxLength={20} placeholder="没有可不填" />, { required: false })}
          {field('email', '电子信箱', <Input maxLength={100} />)}
          {field('postCode', '邮编', <Input maxLength={6} inputMode="numeric" />)}
          {field('address', '邮寄地址', <Input maxLength={200} />, { span: 24 })}
        </Row>
        <div className="filing-section">管理员职责</div>
        <ol className="filing-duties">
          {CERTIFICATE_ADMIN_DUTIES.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ol>
        <p className="muted">报送后由省人力资源和社会保障厅专业技术人员管理处备案；管理员变更时请重新报送。</p>
        <ErrorAlert error={submit.error} />
      </Form>
    </Drawer>
  );
}

function FilingDrawer({ filing: f, onClose }: { filing: AdminFiling | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={f !== null}
      onClose={onClose}
      title={FORM_TITLE}
      size={screens.md ? 760 : '100%'}
      destroyOnHidden
    >
      {f && (
        <>
          <Descriptions
            bordered
            size="small"
            column={screens.md ? 2 : 1}
            styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'unit', label: '单位名称', children: f.unitName },
              { key: 'industry', label: '行业类别', children: f.industry },
              { key: 'code', label: '单位组织机构代码', children: f.orgCode, span: screens.md ? 2 : 1 },
              { key: 'name', label: '管理员姓名', children: f.adminName },
              { key: 'gender', label: '性别', children: f.gender },
              { key: 'dept', label: '工作部门', children: f.workDepartment },
              { key: 'title', label: '职务', children: f.title },
              { key: 'phone', label: '联系电话', children: f.phone },
              { key: 'fax', label: '传真', children: f.fax ?? '—' },
              { key: 'email', label: '电子信箱', children: f.email },
              { key: 'post', label: '邮编', children: f.postCode },
              { key: 'address', label: '邮寄地址', children: f.address, span: screens.md ? 2 : 1 },
              {
                key: 'duties',
                label: '管理员职责',
                span: screens.md ? 2 : 1,
                children: (
                  <ol className="filing-duties">
                    {CERTIFICATE_ADMIN_DUTIES.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ol>
                ),
              },
              {
                key: 'filed',
                label: '报送',
                span: screens.md ? 2 : 1,
                children: `${f.orgName} · ${f.filedByName} · ${formatDateTime(f.filedAt)}`,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
