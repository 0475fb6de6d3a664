import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Result, Skeleton, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ALLOWED_PARENT_KINDS, ORG_KIND_LABELS, organisationChangesApi as orgChanges, organisationsApi, validateCreditCode, type OrgKind } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import type { OrgDetail } from '../../api/types';
import { OrgPicker } from '../../components/OrgPicker';
import { useSignedIn } from '../../components/RequireAdmin';
import { formatDateTime } from '../../lib/format';
import { orgStatusLabel, STATUS_COLORS } from '../../lib/roles';
import { orgDetailKey } from './OrgDetailDrawer';
import { OrgChangeHistory } from './OrgChangeHistory';
import { orgChangesKey, type OrgChangeItem } from './orgChanges';

const LICENCE_MAX_MB = 10;
const LICENCE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
const PARENT_KIND_LABELS: Record<OrgKind, string> = {
  hrss: '同级人社部门',
  department: '主管部门',
  unit: '上级单位',
  base: '继续教育基地',
};

/** 更换上级部门: choose the kind of the new parent, then the organisation (FAQ "单位如何更换上级部门"). */
function ParentChangeModal({ org, open, onClose }: { org: OrgDetail; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const kinds = org.kind === 'hrss' ? [] : ALLOWED_PARENT_KINDS[org.kind];
  const [kind, setKind] = useState<OrgKind>(kinds[0] ?? 'hrss');
  const [parentId, setParentId] = useState<number>();
  const submit = useMutation({
    mutationFn: (newParentId: number) => call(orgChanges.requestParent, { params: { id: org.id }, body: { newParentId } }),
    onSuccess: (res) => {
      void message.success(res.message);
      void queryClient.invalidateQueries({ queryKey: orgChangesKey(org.id) });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title="更换上级部门"
      okText="确认提交"
      okButtonProps={{ disabled: !parentId, loading: submit.isPending }}
      onOk={() => parentId && submit.mutate(parentId)}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">
        当前上级：{org.parentName ?? '—'}。提交后须原上级单位和新的上级单位双方审核通过，才能更换成功。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="机构类型">
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as OrgKind);
              setParentId(undefined);
            }}
            options={kinds.map((k) => ({ value: k, label: PARENT_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item label="新的上级" required>
          <OrgPicker key={kind} kinds={[kind]} value={parentId} onChange={setParentId} />
        </Form.Item>
      </Form>
      {submit.isError && <Alert type="error" showIcon message={errorMessage(submit.error)} />}
    </Modal>
  );
}

interface InfoForm {
  name?: string;
  creditCode?: string;
  licence?: UploadFile[];
}

/** 修改单位信息: a new name and/or credit code with the licence scan (required); the parent approves. */
function InfoChangeModal({ org, open, onClose }: { org: OrgDetail; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<InfoForm>();
  const submit = useMutation({
    mutationFn: (v: InfoForm) => {
      const body = new FormData();
      if (v.name?.trim() && v.name.trim() !== org.name) body.append('name', v.name.trim());
      if (v.creditCode?.trim() && v.creditCode.trim().toUpperCase() !== org.creditCode) body.append('creditCode', v.creditCode.trim());
      const file = v.licence?.[0]?.originFileObj;
      if (file) body.append('licence', file);
      return call(orgChanges.requestInfo, { params: { id: org.id }, form: body });
    },
    onSuccess: (res) => {
      void message.success(res.message);
      void queryClient.invalidateQueries({ queryKey: orgChangesKey(org.id) });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title="修改单位信息"
      okText="确认提交"
      okButtonProps={{ loading: submit.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Typography.Paragraph type="secondary">
        填写修改后的单位名称和/或统一社会信用代码，并上传证件扫描件，上级单位（{org.parentName ?? '—'}）审核通过即生效。同一时间只能有一项变更在审核中。
      </Typography.Paragraph>
      <Form<InfoForm>
        form={form}
        layout="vertical"
        initialValues={{ name: org.name, creditCode: org.creditCode ?? '' }}
        onFinish={(v) => submit.mutate(v)}
      >
        <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          rules={[
            { required: true, message: '请输入统一社会信用代码' },
            {
              validator: async (_, v: string) => {
                const check = validateCreditCode(v ?? '');
                if (!check.ok) throw new Error(check.message);
              },
            },
          ]}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item
          name="licence"
          label="证件扫描件"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          rules={[{ required: true, message: '请上传证件扫描件（营业执照或事业单位法人证书等）' }]}
          extra={`JPG、PNG 或 PDF，不超过${LICENCE_MAX_MB}MB`}
        >
          <Upload
            maxCount={1}
            accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
            beforeUpload={(file) => {
              if (!LICENCE_TYPES.includes(file.type)) {
                void message.error('证件扫描件只能是 JPG、PNG 或 PDF 文件');
                return Upload.LIST_IGNORE;
              }
              if (file.size > LICENCE_MAX_MB * 1024 * 1024) {
                void message.error(`证件扫描件不能超过${LICENCE_MAX_MB}MB`);
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
      {submit.isError && <Alert type="error" showIcon message={errorMessage(submit.error)} />}
    </Modal>
  );
}

/** 单位资料管理: the organisation's own data, its changes in flight and its 变更记录. */
export function OrgProfilePage() {
  const me = useSignedIn();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'parent' | 'info' | null>(null);
  const detail = useQuery({
    queryKey: orgDetailKey(me.org.id),
    queryFn: () => call(organisationsApi.detail, { params: { id: me.org.id } }),
  });
  const pending = useQuery({
    queryKey: [...orgChangesKey(me.org.id), 'latest'],
    queryFn: () => call(orgChanges.history, { params: { id: me.org.id }, query: { limit: 1 } }),
  });
  const inFlight = pending.data?.items.find((c) => c.status === 'pending');
  const withdraw = useMutation({
    mutationFn: (c: OrgChangeItem) => call(orgChanges.withdraw, { params: { id: c.id } }),
    onSuccess: (res) => {
      void message.success(res.message ?? '已撤销');
      void queryClient.invalidateQueries({ queryKey: orgChangesKey(me.org.id) });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const confirmWithdraw = (c: OrgChangeItem) =>
    modal.confirm({
      title: `撤销${c.kindLabel}申请`,
      content: '撤销后该申请不再审核，可重新提交。',
      okText: '撤销',
      okButtonProps: { danger: true },
      onOk: () => withdraw.mutateAsync(c).catch(() => undefined),
    });

  if (detail.isPending) return <Skeleton active />;
  if (detail.isError) return <Result status="warning" title={errorMessage(detail.error)} />;
  const org = detail.data;
  const mayChange = me.isSuperAdmin && org.kind !== 'hrss';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="单位资料管理"
        extra={
          mayChange && (
            <Space wrap>
              <Button onClick={() => setDialog('parent')} disabled={!!inFlight}>
                更换上级部门
              </Button>
              <Button type="primary" onClick={() => setDialog('info')} disabled={!!inFlight}>
                修改单位信息
              </Button>
            </Space>
          )
        }
      >
        {inFlight && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={`已有${inFlight.kindLabel}在审核流程中`}
            description={
              <Space wrap>
                <span>{inFlight.summary.join('；')}</span>
                {mayChange && (
                  <Button size="small" danger onClick={() => confirmWithdraw(inFlight)}>
                    撤销申请
                  </Button>
                )}
              </Space>
            }
          />
        )}
        {!me.isSuperAdmin && org.kind !== 'hrss' && (
          <Typography.Paragraph type="secondary">更换上级部门、修改单位信息须由本单位超级管理员办理。</Typography.Paragraph>
        )}
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'name', label: '单位名称', children: org.name },
            { key: 'kind', label: '机构类型', children: ORG_KIND_LABELS[org.kind] + (org.noDepartment ? '（无主管部门）' : '') },
            { key: 'credit', label: '统一社会信用代码', children: org.creditCode ?? '—' },
            { key: 'region', label: '所属区划', children: org.regionName },
            { key: 'parent', label: '上级单位', children: org.parentName ?? '—' },
            { key: 'status', label: '状态', children: <Tag color={STATUS_COLORS[org.status]}>{orgStatusLabel(org.status)}</Tag> },
            { key: 'nature', label: '单位性质', children: org.nature ?? '—' },
            { key: 'level', label: '单位级别', children: org.level ?? '—' },
            { key: 'industry', label: '行业类别', children: org.industry ?? '—' },
            { key: 'address', label: '单位地址', children: org.address ?? '—' },
            { key: 'contact', label: '联系人', children: org.contactName ? `${org.contactName} ${org.contactPhone ?? ''}` : '—' },
            { key: 'registered', label: '注册时间', children: formatDateTime(org.createdAt) },
          ]}
        />
      </Card>
      <Card title="变更记录">
        <OrgChangeHistory orgId={org.id} onWithdraw={mayChange ? confirmWithdraw : undefined} />
      </Card>
      {dialog === 'parent' && <ParentChangeModal org={org} open onClose={() => setDialog(null)} />}
      {dialog === 'info' && <InfoChangeModal org={org} open onClose={() => setDialog(null)} />}
    </Space>
  );
}
