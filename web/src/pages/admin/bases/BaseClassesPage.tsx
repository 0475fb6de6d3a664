import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { baseClassesApi, type BaseClassSummary } from '@ce/shared';
import { usePagedList } from '../../../api/queries';
import { PagedTable } from '../../../components/PagedTable';
import { BatchCounts } from '../batches/parts';
import { BaseClassEditorModal } from './BaseClassEditorModal';

/**
 * 培训班次管理 (R-29): a continuing-education base's classes; each class's trainees are declared
 * from its detail page and reviewed along each trainee's own chain.
 */
export function BaseClassesPage() {
  const navigate = useNavigate();
  const list = usePagedList(baseClassesApi.list, {});
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<BaseClassSummary> = [
    {
      title: '班次',
      key: 'title',
      render: (_, c) => (
        <>
          <Link to={`/admin/base-classes/${c.id}`}>{c.title}</Link>
          <div className="muted">
            {c.subjectLabel} · {c.formLabel} · {c.series ?? '不限职称系列'}
          </div>
        </>
      ),
    },
    { title: '培训日期', key: 'dates', width: 200, render: (_, c) => `${c.startDate} 至 ${c.endDate}` },
    { title: '学时', dataIndex: 'hours', width: 70 },
    { title: '方式 / 地点', key: 'place', width: 200, render: (_, c) => `${c.online ? '线上' : '线下'}${c.place ? `：${c.place}` : ''}` },
    { title: '证明材料', key: 'evidence', width: 90, render: (_, c) => (c.evidenceCount > 0 ? `${c.evidenceCount}个` : '未上传') },
    { title: '学员记录', key: 'counts', width: 240, render: (_, c) => (c.counts.total + c.counts.withdrawn > 0 ? <BatchCounts counts={c.counts} /> : '尚未申报') },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, c) => (
        <Link to={`/admin/base-classes/${c.id}`}>
          <Button size="small" type="link">
            管理
          </Button>
        </Link>
      ),
    },
  ];

  return (
    <Card
      title="培训班次管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建班次
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="新建班次并上传班次证明材料（培训通知、结业名单）后，按身份证号和姓名添加学员，或上传批量申报模板。"
        description="学员可在全省任一单位；记录先由学员所在单位审核，再逐级报主管部门、人社部门审核，学员本人无需上传证明材料，也不能自行撤销。学员所在单位审核前，本基地可以撤回。"
      />
      <PagedTable list={list} columns={columns} unit="个班次" emptyText="还没有培训班次" />
      <BaseClassEditorModal
        open={creating}
        editing={null}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          void navigate(`/admin/base-classes/${c.id}`);
        }}
      />
    </Card>
  );
}
