import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminsApi, PERMISSIONS, permissionsForOrg, type OrgKind, type Permission } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import type { AdminRoleDto } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSignedIn } from '../../components/RequireAdmin';
import { rolesKey } from './AdminAccountsPanel';

interface RoleForm {
  name: string;
  permissions: Permission[];
}

/** 角色管理: named sets of permissions the super admin gives to admins. */
export function RolesPage() {
  const me = useSignedIn();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<AdminRoleDto | 'new' | null>(null);
  const key = rolesKey(me.org.id);

  const roles = useQuery({
    queryKey: key,
    queryFn: () => call(adminsApi.roles, { params: { id: me.org.id } }),
  });
  const remove = useMutation({
    mutationFn: (role: AdminRoleDto) => call(adminsApi.deleteRole, { params: { id: me.org.id, childId: role.id } }),
    onSuccess: () => {
      void message.success('角色已删除');
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const columns: ColumnsType<AdminRoleDto> = [
    { title: '角色名称', dataIndex: 'name', width: 160 },
    {
      title: '权限',
      dataIndex: 'permissions',
      render: (ps: Permission[]) => ps.map((p) => <Tag key={p}>{PERMISSIONS[p] ?? p}</Tag>),
    },
    { title: '管理员数', dataIndex: 'adminCount', width: 100 },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, role) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(role)}>
            编辑
          </Button>
          <Popconfirm
            title="删除角色"
            description={`确认删除角色“${role.name}”？`}
            okText="删除"
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(role).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="角色管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增角色
        </Button>
      }
    >
      <p className="muted">
        超级管理员拥有全部权限；其他管理员的权限由其角色决定。管理员与角色的管理仅限超级管理员。
      </p>
      <Table<AdminRoleDto>
        rowKey="id"
        columns={columns}
        dataSource={roles.data?.items ?? []}
        loading={roles.isPending}
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: roles.isError ? errorMessage(roles.error) : '暂无角色，点击“新增角色”创建' }}
      />
      <RoleModal
        role={editing}
        orgId={me.org.id}
        org={me.org}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void message.success('角色已保存');
          void queryClient.invalidateQueries({ queryKey: key });
        }}
      />
    </Card>
  );
}

function RoleModal({
  role,
  orgId,
  org,
  onClose,
  onSaved,
}: {
  role: AdminRoleDto | 'new' | null;
  orgId: number;
  org: { kind: OrgKind; regionCode: string };
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<RoleForm>();
  const existing = role && role !== 'new' ? role : null;
  // Only what makes sense for this kind of organisation (no 抽查审验 or 电子签章 for a unit).
  const allowed = permissionsForOrg(org);
  const options = allowed.map((p) => ({ value: p, label: PERMISSIONS[p] }));
  const save = useMutation({
    mutationFn: (v: RoleForm) => {
      const body = { name: v.name.trim(), permissions: v.permissions };
      return existing
        ? call(adminsApi.updateRole, { params: { id: orgId, childId: existing.id }, body })
        : call(adminsApi.createRole, { params: { id: orgId }, body });
    },
    onSuccess: onSaved,
  });
  return (
    <Modal
      open={role !== null}
      title={existing ? '编辑角色' : '新增角色'}
      okText="保存"
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form<RoleForm>
        form={form}
        name="role"
        layout="vertical"
        initialValues={{ name: existing?.name, permissions: (existing?.permissions ?? []).filter((p) => (allowed as string[]).includes(p)) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label="角色名称"
          rules={[{ required: true, whitespace: true, message: '请输入角色名称' }]}
        >
          <Input maxLength={30} placeholder="例如：注册审核员" />
        </Form.Item>
        <Form.Item
          name="permissions"
          label="权限"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项权限' }]}
        >
          <Checkbox.Group options={options} className="permission-checks" />
        </Form.Item>
      </Form>
      <ErrorAlert error={save.error} />
    </Modal>
  );
}
