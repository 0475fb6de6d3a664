import { App, Button, Card, Form, Input, Popconfirm, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { workDepartmentsApi } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import type { WorkDepartmentList } from '../../api/types';
import { useSignedIn } from '../../components/RequireAdmin';
import { workDepartmentsKey } from './AdminAccountsPanel';

type WorkDepartment = WorkDepartmentList['items'][number];

/** 工作部门: the unit's internal departments (系部, 科室); a person belongs to one. */
export function WorkDepartmentsPage() {
  const me = useSignedIn();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const key = workDepartmentsKey(me.org.id);

  const list = useQuery({
    queryKey: key,
    queryFn: () => call(workDepartmentsApi.list, { params: { id: me.org.id } }),
  });
  const add = useMutation({
    mutationFn: (name: string) => call(workDepartmentsApi.create, { params: { id: me.org.id }, body: { name } }),
    onSuccess: (wd) => {
      void message.success(`已添加“${wd.name}”`);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const remove = useMutation({
    mutationFn: (wd: WorkDepartment) =>
      call(workDepartmentsApi.remove, { params: { id: me.org.id, childId: wd.id } }),
    onSuccess: () => {
      void message.success('已删除');
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  return (
    <Card title="工作部门">
      <p className="muted">
        专业技术人员注册时选择所属工作部门；单位可为管理员限定只管理部分工作部门。仍有人员的工作部门不能删除。
      </p>
      <Form
        form={form}
        name="workDepartment"
        layout="inline"
        onFinish={(v) => add.mutate(v.name.trim())}
        style={{ marginBottom: 16 }}
      >
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请输入工作部门名称' }]}>
          <Input placeholder="工作部门名称，如：信息工程系" maxLength={50} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            添加
          </Button>
        </Form.Item>
      </Form>
      <Table<WorkDepartment>
        rowKey="id"
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={false}
        locale={{ emptyText: list.isError ? errorMessage(list.error) : '暂无工作部门' }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          {
            title: '操作',
            key: 'actions',
            width: 100,
            render: (_, wd) => (
              <Popconfirm
                title="删除工作部门"
                description={`确认删除“${wd.name}”？`}
                okText="删除"
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutateAsync(wd).catch(() => undefined)}
              >
                <Button type="link" size="small" danger>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
