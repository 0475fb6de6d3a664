import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { validateIdNumber, type OrgKind } from '@ce/shared';
import { api, errorMessage } from '../../api/client';
import { ME_KEY } from '../../api/session';
import type {
  AdminAccount,
  AdminCreated,
  AdminRoleDto,
  OkMessage,
  WorkDepartmentList,
} from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSignedIn } from '../../components/RequireAdmin';
import { formatDateTime, today } from '../../lib/format';
import { accountStatusLabel, STATUS_COLORS } from '../../lib/roles';

export const adminsKey = (orgId: number) => ['admin', 'admins', orgId] as const;
export const rolesKey = (orgId: number) => ['admin', 'roles', orgId] as const;
export const workDepartmentsKey = (orgId: number) => ['work-departments', orgId] as const;

interface CreateForm {
  idNumber: string;
  name: string;
  phone: string;
  email: string;
  adminRoleId?: number | null;
  workDepartmentIds?: number[];
}
interface ScopeForm {
  adminRoleId?: number | null;
  workDepartmentIds?: number[];
}

/**
 * The admins of one organisation: the super admin manages their own organisation's admins;
 * an HRSS bureau also creates the admins of the bureau directly below it (`own` false).
 */
export function AdminAccountsPanel({
  org,
  own,
}: {
  org: { id: number; name: string; kind: OrgKind };
  own: boolean;
}) {
  const me = useSignedIn();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AdminAccount | null>(null);
  const [handingOver, setHandingOver] = useState<AdminAccount | null>(null);
  const withScope = own && org.kind === 'unit';

  const admins = useQuery({
    queryKey: adminsKey(org.id),
    queryFn: () => api.get<{ items: AdminAccount[] }>(`/api/admin/organisations/${org.id}/admins`),
  });
  const roles = useQuery({
    queryKey: rolesKey(org.id),
    queryFn: () => api.get<{ items: AdminRoleDto[] }>(`/api/admin/organisations/${org.id}/roles`),
    enabled: own,
  });
  const workDepartments = useQuery({
    queryKey: workDepartmentsKey(org.id),
    queryFn: () => api.get<WorkDepartmentList>(`/api/public/organisations/${org.id}/work-departments`),
    enabled: withScope,
  });
  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  const workDepartmentOptions = (workDepartments.data?.items ?? []).map((w) => ({
    value: w.id,
    label: w.name,
  }));

  const invalidate = () => queryClient.invalidateQueries({ queryKey: adminsKey(org.id) });

  const resetPassword = useMutation({
    mutationFn: (a: AdminAccount) => api.post<OkMessage>(`/api/admin/accounts/${a.accountId}/reset-password`),
    onSuccess: (res) => {
      // Not returned: antd's modal instance is thenable and would hold the mutation until it closes.
      modal.success({ title: '密码已重置', content: res.message });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const columns: ColumnsType<AdminAccount> = [
    { title: '姓名', dataIndex: 'name', width: 100, fixed: 'left' },
    { title: '身份证号', dataIndex: 'idNumberMasked', width: 180 },
    { title: '手机', dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '邮箱', dataIndex: 'email', width: 170, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '角色',
      key: 'role',
      width: 130,
      render: (_, a) =>
        a.isSuperAdmin ? (
          <Tag color="gold">超级管理员</Tag>
        ) : a.adminRoleName ? (
          <Tag color="blue">{a.adminRoleName}</Tag>
        ) : (
          <span className="muted">未分配角色</span>
        ),
    },
    ...(withScope
      ? [
          {
            title: '工作部门范围',
            key: 'scope',
            width: 180,
            render: (_: unknown, a: AdminAccount) =>
              a.isSuperAdmin || a.workDepartments.length === 0
                ? '全单位'
                : a.workDepartments.map((w) => <Tag key={w.id}>{w.name}</Tag>),
          },
        ]
      : []),
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: AdminAccount['status']) => <Tag color={STATUS_COLORS[s]}>{accountStatusLabel(s)}</Tag>,
    },
    { title: '最后登录', dataIndex: 'lastLoginAt', width: 150, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      width: 230,
      fixed: 'right',
      render: (_, a) => {
        const self = a.accountId === me.accountId;
        return (
          <Space size={0} wrap>
            {own && !a.isSuperAdmin && (
              <Button type="link" size="small" onClick={() => setEditing(a)}>
                修改权限
              </Button>
            )}
            {!self && (
              <Popconfirm
                title="重置密码"
                description={`将 ${a.name} 的密码重置为身份证号后六位，下次登录须修改。确认重置？`}
                okText="重置"
                onConfirm={() => resetPassword.mutateAsync(a).catch(() => undefined)}
              >
                <Button type="link" size="small">
                  重置密码
                </Button>
              </Popconfirm>
            )}
            {own && me.isSuperAdmin && !a.isSuperAdmin && a.status === 'active' && (
              <Button type="link" size="small" onClick={() => setHandingOver(a)}>
                移交超级管理员
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新增管理员
        </Button>
        {!own && admins.data?.items.length === 0 && (
          <span className="muted">首位管理员将成为“{org.name}”的超级管理员，初始密码为身份证号后六位。</span>
        )}
      </Space>
      <Table<AdminAccount>
        rowKey="accountId"
        columns={columns}
        dataSource={admins.data?.items ?? []}
        loading={admins.isPending}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: admins.isError ? errorMessage(admins.error) : '暂无管理员' }}
      />

      <CreateAdminModal
        open={creating}
        orgId={org.id}
        roleOptions={own ? roleOptions : null}
        workDepartmentOptions={withScope ? workDepartmentOptions : null}
        onClose={() => setCreating(false)}
        onCreated={(res) => {
          setCreating(false);
          void invalidate();
          modal.success({ title: '管理员已添加', content: res.message });
        }}
      />

      <EditScopeModal
        account={editing}
        roleOptions={roleOptions}
        workDepartmentOptions={withScope ? workDepartmentOptions : null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void message.success('已保存');
          void invalidate();
        }}
      />

      <HandoverModal
        account={handingOver}
        onClose={() => setHandingOver(null)}
        onDone={async (msg) => {
          setHandingOver(null);
          void message.success(msg);
          await queryClient.invalidateQueries({ queryKey: ME_KEY });
          await invalidate();
          navigate('/admin');
        }}
      />
    </>
  );
}

function CreateAdminModal({
  open,
  orgId,
  roleOptions,
  workDepartmentOptions,
  onClose,
  onCreated,
}: {
  open: boolean;
  orgId: number;
  roleOptions: { value: number; label: string }[] | null;
  workDepartmentOptions: { value: number; label: string }[] | null;
  onClose: () => void;
  onCreated: (res: AdminCreated) => void;
}) {
  const [form] = Form.useForm<CreateForm>();
  const create = useMutation({
    mutationFn: (v: CreateForm) =>
      api.post<AdminCreated>(`/api/admin/organisations/${orgId}/admins`, {
        idNumber: v.idNumber.trim().toUpperCase(),
        name: v.name.trim(),
        phone: v.phone.trim(),
        email: v.email.trim(),
        adminRoleId: v.adminRoleId ?? null,
        workDepartmentIds: v.workDepartmentIds ?? [],
      }),
    onSuccess: (res) => {
      form.resetFields();
      onCreated(res);
    },
  });
  return (
    <Modal
      open={open}
      title="新增管理员"
      okText="添加"
      okButtonProps={{ loading: create.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form<CreateForm> form={form} name="createAdmin" layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="idNumber"
          label="身份证号"
          normalize={(v: string | undefined) => v?.toUpperCase()}
          rules={[
            { required: true, whitespace: true, message: '请输入身份证号' },
            {
              validator: async (_, value: string | undefined) => {
                if (!value?.trim()) return;
                const check = validateIdNumber(value, today());
                if (!check.ok) throw new Error(check.message);
              },
            },
          ]}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item
          name="name"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机"
          rules={[
            { required: true, message: '请输入手机号码' },
            { pattern: /^\s*1\d{10}\s*$/, message: '请输入11位手机号码' },
          ]}
        >
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item
          name="email"
          label="邮箱"
          rules={[
            { required: true, message: '请输入电子邮箱' },
            { type: 'email', message: '电子邮箱格式不正确' },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {roleOptions && (
          <Form.Item
            name="adminRoleId"
            label="角色"
            extra="角色决定该管理员可使用的功能，可在“角色管理”中设置"
          >
            <Select
              allowClear
              options={roleOptions}
              placeholder={roleOptions.length ? '请选择角色' : '尚未创建角色'}
            />
          </Form.Item>
        )}
        {workDepartmentOptions && (
          <Form.Item name="workDepartmentIds" label="工作部门范围" extra="不选择则可管理全单位">
            <Select mode="multiple" allowClear options={workDepartmentOptions} placeholder="全单位" />
          </Form.Item>
        )}
      </Form>
      <ErrorAlert error={create.error} />
      <div className="muted">
        新用户的初始密码为身份证号后六位，首次登录须修改密码；已是本系统用户的沿用原密码。
      </div>
    </Modal>
  );
}

function EditScopeModal({
  account,
  roleOptions,
  workDepartmentOptions,
  onClose,
  onSaved,
}: {
  account: AdminAccount | null;
  roleOptions: { value: number; label: string }[];
  workDepartmentOptions: { value: number; label: string }[] | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<ScopeForm>();
  const save = useMutation({
    mutationFn: (v: ScopeForm) =>
      api.patch<OkMessage>(`/api/admin/accounts/${account!.accountId}`, {
        adminRoleId: v.adminRoleId ?? null,
        workDepartmentIds: v.workDepartmentIds ?? [],
      }),
    onSuccess: onSaved,
  });
  return (
    <Modal
      open={account !== null}
      title={`修改权限：${account?.name ?? ''}`}
      okText="保存"
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form<ScopeForm>
        form={form}
        name="editScope"
        layout="vertical"
        initialValues={{
          adminRoleId: account?.adminRoleId ?? undefined,
          workDepartmentIds: account?.workDepartments.map((w) => w.id) ?? [],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="adminRoleId" label="角色">
          <Select allowClear options={roleOptions} placeholder="未分配角色" />
        </Form.Item>
        {workDepartmentOptions && (
          <Form.Item name="workDepartmentIds" label="工作部门范围" extra="不选择则可管理全单位">
            <Select mode="multiple" allowClear options={workDepartmentOptions} placeholder="全单位" />
          </Form.Item>
        )}
      </Form>
      <ErrorAlert error={save.error} />
    </Modal>
  );
}

function HandoverModal({
  account,
  onClose,
  onDone,
}: {
  account: AdminAccount | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const [form] = Form.useForm<{ password: string }>();
  const handover = useMutation({
    mutationFn: (v: { password: string }) =>
      api.post<OkMessage>('/api/admin/super-admin/handover', {
        toAccountId: account!.accountId,
        password: v.password,
      }),
    onSuccess: (res) => onDone(res.message ?? '超级管理员已移交'),
  });
  return (
    <Modal
      open={account !== null}
      title="移交超级管理员"
      okText="确认移交"
      okButtonProps={{ danger: true, loading: handover.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        handover.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <p>
        移交后，{account?.name}{' '}
        将成为本机构的超级管理员，您将变为普通管理员（不再拥有管理员与角色管理权限）。请输入您的登录密码确认。
      </p>
      <Form form={form} name="handover" layout="vertical" onFinish={(v) => handover.mutate(v)}>
        <Form.Item
          name="password"
          label="您的登录密码"
          rules={[{ required: true, message: '请输入您的密码以确认' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </Form>
      <ErrorAlert error={handover.error} />
    </Modal>
  );
}
