import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminsApi, mfaApi, validateIdNumber, workDepartmentsApi, type OrgKind } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import { ME_KEY } from '../../api/session';
import type { AdminAccount, AdminCreated } from '../../api/types';
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
 * Whose admins the panel shows: `own` — the super admin manages their own organisation's admins;
 * `manage` — an HRSS bureau creates and manages the admins of the bureau directly below it; `view` —
 * any other organisation right above only sees them, to reset the super admin's password or second
 * factor when it is lost.
 */
export type AdminAccountsMode = 'own' | 'manage' | 'view';

/** The admins of one organisation, as far as `mode` lets this admin act on them. */
export function AdminAccountsPanel({
  org,
  mode,
}: {
  org: { id: number; name: string; kind: OrgKind };
  mode: AdminAccountsMode;
}) {
  const own = mode === 'own';
  const manage = mode !== 'view';
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
    queryFn: () => call(adminsApi.list, { params: { id: org.id } }),
  });
  const roles = useQuery({
    queryKey: rolesKey(org.id),
    queryFn: () => call(adminsApi.roles, { params: { id: org.id } }),
    enabled: own,
  });
  const workDepartments = useQuery({
    queryKey: workDepartmentsKey(org.id),
    queryFn: () => call(workDepartmentsApi.list, { params: { id: org.id } }),
    enabled: withScope,
  });
  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  const workDepartmentOptions = (workDepartments.data?.items ?? []).map((w) => ({
    value: w.id,
    label: w.name,
  }));

  const invalidate = () => queryClient.invalidateQueries({ queryKey: adminsKey(org.id) });

  const resetPassword = useMutation({
    mutationFn: (a: AdminAccount) => call(adminsApi.resetPassword, { params: { id: a.accountId } }),
    onSuccess: (res) => {
      // Not returned: antd's modal instance is thenable and would hold the mutation until it closes.
      modal.success({ title: '密码已重置', content: res.message });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  // 重置动态口令 (issue 9 item 7): the admin above — this organisation's super admin for its other
  // admins, the bureau above for a lower bureau's super admin (the server checks again).
  const resetMfa = useMutation({
    mutationFn: (a: AdminAccount) => call(mfaApi.reset, { params: { id: a.accountId } }),
    onSuccess: (res) => {
      modal.success({ title: '动态口令已重置', content: res.message });
      void invalidate();
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const mayResetMfa = (a: AdminAccount) =>
    a.mfaEnrolled && a.accountId !== me.accountId && (own ? me.isSuperAdmin && !a.isSuperAdmin : a.isSuperAdmin);

  const lifecycle = useMutation({
    mutationFn: ({ a, step }: { a: AdminAccount; step: 'disable' | 'enable' | 'remove' }) =>
      call(adminsApi[step], { params: { id: a.accountId } }),
    onSuccess: (res) => {
      void message.success(res.message ?? '操作成功');
      void invalidate();
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      void invalidate();
    },
  });
  const confirmStep = (a: AdminAccount, step: 'disable' | 'enable' | 'remove') => {
    const text = {
      disable: { title: '停用管理员', content: `停用后 ${a.name} 立即退出登录且不能再登录，可随时重新启用。`, ok: '停用' },
      enable: { title: '启用管理员', content: `启用后 ${a.name} 可重新登录，权限不变。`, ok: '启用' },
      remove: {
        title: '移除管理员',
        content: `移除后 ${a.name} 不再是本机构的管理员（账号归档，操作记录保留），如需恢复须重新添加。`,
        ok: '移除',
      },
    }[step];
    modal.confirm({
      title: text.title,
      content: text.content,
      okText: text.ok,
      okButtonProps: { danger: step !== 'enable' },
      onOk: () => lifecycle.mutateAsync({ a, step }).catch(() => undefined),
    });
  };

  const columns: ColumnsType<AdminAccount> = [
    // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): secondary facts sit
    // under the key one in the same cell instead of in columns of their own.
    { title: '姓名', dataIndex: 'name', width: 90, fixed: 'left' },
    {
      title: '身份证号 / 手机 / 邮箱',
      key: 'ids',
      width: 220,
      render: (_, a) => (
        <>
          <div className="nowrap">{a.idNumberMasked}</div>
          <div className="muted nowrap">{a.phoneMasked ?? '—'}</div>
          <div className="muted cell-ellipsis" title={a.email ?? undefined}>
            {a.email ?? '—'}
          </div>
        </>
      ),
    },
    {
      title: '角色',
      key: 'role',
      width: 120,
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
            width: 150,
            render: (_: unknown, a: AdminAccount) =>
              a.isSuperAdmin || a.workDepartments.length === 0
                ? '全单位'
                : a.workDepartments.map((w) => <Tag key={w.id}>{w.name}</Tag>),
          },
        ]
      : []),
    {
      title: '状态 / 动态口令',
      key: 'status',
      width: 110,
      render: (_, a) => (
        <>
          <div>
            <Tag color={STATUS_COLORS[a.status]}>{accountStatusLabel(a.status)}</Tag>
          </div>
          {a.mfaEnrolled ? <Tag color="green">已绑定</Tag> : <Tag>未绑定</Tag>}
        </>
      ),
    },
    { title: '最后登录', dataIndex: 'lastLoginAt', width: 106, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      // The buttons wrap onto more lines; the longest (移交超级管理员) needs 146 px.
      width: 274,
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
            {!self && (manage || a.isSuperAdmin) && (
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
            {mayResetMfa(a) && (
              <Popconfirm
                title="重置动态口令"
                description={`重置后 ${a.name} 立即退出登录，下次登录时须重新绑定手机验证器。确认重置？`}
                okText="重置"
                onConfirm={() => resetMfa.mutateAsync(a).catch(() => undefined)}
              >
                <Button type="link" size="small">
                  重置动态口令
                </Button>
              </Popconfirm>
            )}
            {own && me.isSuperAdmin && !a.isSuperAdmin && a.status === 'active' && (
              <Button type="link" size="small" onClick={() => setHandingOver(a)}>
                移交超级管理员
              </Button>
            )}
            {manage && me.isSuperAdmin && !self && !a.isSuperAdmin && a.status === 'active' && (
              <Button type="link" size="small" onClick={() => confirmStep(a, 'disable')}>
                停用
              </Button>
            )}
            {manage && me.isSuperAdmin && !self && !a.isSuperAdmin && a.status === 'disabled' && (
              <Button type="link" size="small" onClick={() => confirmStep(a, 'enable')}>
                启用
              </Button>
            )}
            {manage && me.isSuperAdmin && !self && !a.isSuperAdmin && (
              <Button type="link" size="small" danger onClick={() => confirmStep(a, 'remove')}>
                移除
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      {manage ? (
        <Space style={{ marginBottom: 16 }} wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增管理员
          </Button>
          {!own && admins.data?.items.length === 0 && (
            <span className="muted">首位管理员将成为“{org.name}”的超级管理员，初始密码为身份证号后六位。</span>
          )}
        </Space>
      ) : (
        <p className="muted">
          “{org.name}”的管理员由其超级管理员管理。超级管理员忘记密码或手机验证器丢失时，可在此为其重置密码或动态口令。
        </p>
      )}
      <Table<AdminAccount>
        rowKey="accountId"
        columns={columns}
        dataSource={admins.data?.items ?? []}
        loading={admins.isPending}
        pagination={false}
        scroll={{ x: withScope ? 1076 : 926 }}
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
        roleOptions={roleOptions}
        onClose={() => setHandingOver(null)}
        onDone={async (msg, keepsRole) => {
          setHandingOver(null);
          if (!keepsRole) {
            // The previous super admin's account is removed: their session has ended.
            modal.success({ title: '超级管理员已移交', content: msg });
            queryClient.clear();
            navigate(`/login?role=${me.role}`, { replace: true });
            return;
          }
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
      call(adminsApi.create, {
        params: { id: orgId },
        body: {
          idNumber: v.idNumber.trim().toUpperCase(),
          name: v.name.trim(),
          phone: v.phone.trim(),
          email: v.email.trim(),
          adminRoleId: v.adminRoleId ?? null,
          workDepartmentIds: v.workDepartmentIds ?? [],
        },
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
      call(adminsApi.update, {
        params: { id: account!.accountId },
        body: { adminRoleId: v.adminRoleId ?? null, workDepartmentIds: v.workDepartmentIds ?? [] },
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
  roleOptions,
  onClose,
  onDone,
}: {
  account: AdminAccount | null;
  roleOptions: { value: number; label: string }[];
  onClose: () => void;
  onDone: (message: string, keepsRole: boolean) => void;
}) {
  const [form] = Form.useForm<{ password: string; previousRoleId?: number | null }>();
  const handover = useMutation({
    mutationFn: (v: { password: string; previousRoleId?: number | null }) =>
      call(adminsApi.handover, {
        body: { toAccountId: account!.accountId, password: v.password, previousRoleId: v.previousRoleId ?? null },
      }),
    onSuccess: (res, v) => onDone(res.message ?? '超级管理员已移交', v.previousRoleId != null),
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
        将成为本机构的超级管理员。您的管理员账号默认不再保留；如需继续协助工作，可为自己选择一个角色，移交后只拥有该角色的权限。请输入您的登录密码确认。
      </p>
      <Form form={form} name="handover" layout="vertical" onFinish={(v) => handover.mutate(v)}>
        <Form.Item name="previousRoleId" label="移交后我的角色">
          <Select allowClear placeholder="不保留（移除我的管理员账号）" options={roleOptions} />
        </Form.Item>
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
