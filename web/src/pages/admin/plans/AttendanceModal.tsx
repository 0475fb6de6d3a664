import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd/es/upload/interface';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { checkAttendance, declarationBatchesApi, professionalsApi, trainingPlansApi, type TrainingPlanDetail } from '@ce/shared';
import { call, errorMessage, href, searchBody } from '../../../api/client';
import { JobProgress } from '../../../components/JobProgress';

interface Values {
  trainingKey: string;
  mode: 'pick' | 'file';
  attendees: number[];
  dates: [Dayjs, Dayjs] | null;
  hours: number | null;
  assessmentResult: string;
}

const filesOf = (list: UploadFile[]) => list.flatMap((f) => (f.originFileObj ? [f.originFileObj] : []));

/**
 * 学时申报 of one training of an approved plan: attendees picked from the organisation's people (or
 * the batch template uploaded), the sign-in sheet and photos or video; then the import job's progress.
 */
export function AttendanceModal({ plan, trainingKey, onClose }: { plan: TrainingPlanDetail; trainingKey: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [signIn, setSignIn] = useState<UploadFile[]>([]);
  const [media, setMedia] = useState<UploadFile[]>([]);
  const [sheet, setSheet] = useState<UploadFile[]>([]);
  const [search, setSearch] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const trainings = plan.approvedTrainings ?? [];
  const key = Form.useWatch('trainingKey', form) ?? trainingKey;
  const mode = Form.useWatch('mode', form) ?? 'pick';
  const training = trainings.find((t) => t.key === key) ?? null;

  const people = useQuery({
    queryKey: ['admin', 'professionals', 'attendees', search],
    queryFn: () => call(professionalsApi.search, { body: searchBody({ q: search, status: 'active', limit: 100 }) }),
    enabled: trainingKey != null && mode === 'pick',
  });

  const send = useMutation({
    mutationFn: (v: Values) => {
      const fd = new FormData();
      fd.append('trainingKey', v.trainingKey);
      if (v.mode === 'pick') {
        fd.append('attendees', v.attendees.join(','));
        fd.append('startDate', v.dates![0].format('YYYY-MM-DD'));
        fd.append('endDate', v.dates![1].format('YYYY-MM-DD'));
        fd.append('hours', String(v.hours));
        if (v.assessmentResult) fd.append('assessmentResult', v.assessmentResult);
      } else {
        for (const f of filesOf(sheet)) fd.append('file', f, f.name);
      }
      for (const f of filesOf(signIn)) fd.append('signIn', f, f.name);
      for (const f of filesOf(media)) fd.append('media', f, f.name);
      return call(trainingPlansApi.attendance, { params: { id: plan.id }, form: fd });
    },
    onSuccess: (r) => setJobId(r.jobId),
    onError: (err) => void message.error(errorMessage(err)),
  });

  const submit = (v: Values) => {
    if (!training) return;
    if (v.mode === 'pick') {
      if (!v.attendees?.length) return void message.error('请选择参训人员');
      if (!v.dates || v.hours == null) return void message.error('请填写参训起止日期和学时');
      const problem = checkAttendance(training, { startDate: v.dates[0].format('YYYY-MM-DD'), endDate: v.dates[1].format('YYYY-MM-DD'), hours: v.hours });
      if (problem) return void message.error(problem);
    } else if (sheet.length === 0) return void message.error('请上传填写好的批量申报文件（.xlsx）');
    if (signIn.length === 0) return void message.error('请上传培训签到表');
    if (media.length === 0) return void message.error('请上传培训现场照片或培训视频');
    send.mutate(v);
  };

  const close = () => {
    setJobId(null);
    setSignIn([]);
    setMedia([]);
    setSheet([]);
    void queryClient.invalidateQueries({ queryKey: ['admin', 'training-plans'] });
    onClose();
  };

  return (
    <Modal
      open={trainingKey != null}
      title="按培训计划申报参训学时"
      width={760}
      onCancel={close}
      destroyOnHidden
      footer={jobId ? <Button type="primary" onClick={close}>关闭</Button> : [<Button key="c" onClick={close}>取消</Button>, <Button key="s" type="primary" loading={send.isPending} onClick={() => form.submit()}>提交申报</Button>]}
    >
      {jobId ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>正在逐行校验参训人员并导入，完成后记录报{plan.orgKindLabel === '用人单位' ? '主管部门' : '人社部门'}审核：</Typography.Text>
          <JobProgress jobId={jobId} onDone={() => void queryClient.invalidateQueries({ queryKey: ['admin', 'training-plans'] })} />
        </Space>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ trainingKey: trainingKey ?? undefined, mode: 'pick', attendees: [], dates: training ? [dayjs(training.startDate), dayjs(training.endDate)] : null, hours: training?.hours ?? null, assessmentResult: '合格' }}
          onValuesChange={(changed: Partial<Values>) => {
            const t = trainings.find((x) => x.key === changed.trainingKey);
            if (t) form.setFieldsValue({ dates: [dayjs(t.startDate), dayjs(t.endDate)], hours: t.hours });
          }}
        >
          <Form.Item name="trainingKey" label="计划中的培训" rules={[{ required: true, message: '请选择培训' }]}>
            <Select options={trainings.map((t) => ({ value: t.key, label: `${t.title}（${t.startDate} 至 ${t.endDate}，${t.hours}学时，${t.place}）` }))} />
          </Form.Item>
          <Form.Item name="mode" label="参训人员">
            <Radio.Group
              options={[
                { value: 'pick', label: '从本单位人员中选择' },
                { value: 'file', label: '上传批量申报文件' },
              ]}
            />
          </Form.Item>
          {mode === 'pick' ? (
            <>
              <Form.Item name="attendees" extra="输入姓名或身份证号查找；只能选择本单位（您管理范围内）已注册的专业技术人员">
                <Select
                  mode="multiple"
                  showSearch
                  filterOption={false}
                  onSearch={setSearch}
                  loading={people.isFetching}
                  placeholder="选择参训人员"
                  options={(people.data?.items ?? []).map((p) => ({ value: p.accountId, label: `${p.name}（${p.idNumberMasked}${p.workDepartment ? `，${p.workDepartment.name}` : ''}）` }))}
                />
              </Form.Item>
              <Space size={16} wrap>
                <Form.Item name="dates" label="参训日期">
                  <DatePicker.RangePicker disabledDate={(d) => !!training && (d.isBefore(dayjs(training.startDate), 'day') || d.isAfter(dayjs(training.endDate), 'day'))} />
                </Form.Item>
                <Form.Item name="hours" label={`学时（不超过计划学时 ${training?.hours ?? '—'}）`}>
                  <InputNumber min={0.5} max={training?.hours} step={0.5} precision={1} />
                </Form.Item>
                <Form.Item name="assessmentResult" label="考核结果">
                  <Input maxLength={50} style={{ width: 120 }} />
                </Form.Item>
              </Space>
            </>
          ) : (
            <Form.Item
              extra={
                <span>
                  使用<a href={href(declarationBatchesApi.template)}>批量申报模板</a>填写：学习形式选“{plan.orgKindLabel === '用人单位' ? '用人单位组织的本单位专业科目培训' : '行业主管部门组织的专业科目培训'}”，学习内容填写培训名称“{training?.title ?? ''}”，计入科目“专业科目”，日期在培训日期内，学时不超过计划学时。任何一行不符合则全部不导入，并生成错误报告。
                </span>
              }
            >
              <Upload accept=".xlsx" maxCount={1} fileList={sheet} beforeUpload={() => false} onChange={({ fileList }) => setSheet(fileList)}>
                <Button icon={<UploadOutlined />}>选择文件（.xlsx）</Button>
              </Upload>
            </Form.Item>
          )}
          <Space size={32} align="start" wrap>
            <Form.Item label="签到表（JPG/PNG/PDF）" required>
              <Upload accept=".jpg,.jpeg,.png,.pdf" multiple fileList={signIn} beforeUpload={() => false} onChange={({ fileList }) => setSignIn(fileList)}>
                <Button icon={<UploadOutlined />}>上传签到表</Button>
              </Upload>
            </Form.Item>
            <Form.Item label="现场照片或培训视频（JPG/PNG/PDF/MP4，单个不超过20MB）" required>
              <Upload accept=".jpg,.jpeg,.png,.pdf,.mp4" multiple fileList={media} beforeUpload={() => false} onChange={({ fileList }) => setMedia(fileList)}>
                <Button icon={<UploadOutlined />}>上传照片或视频</Button>
              </Upload>
            </Form.Item>
          </Space>
        </Form>
      )}
    </Modal>
  );
}
