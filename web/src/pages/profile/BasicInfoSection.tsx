import { useState } from 'react';
import { App, Button, Descriptions, Form, Grid, Input, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ETHNICITIES, GENDER_LABELS, myProfessionalApi, type Ethnicity } from '@ce/shared';
import { call } from '../../api/client';
import type { ProfessionalProfile } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LinkButton } from '../../components/LinkButton';
import { ethnicityOptions, majorOptions, titleText } from '../../lib/professionals';
import { MY_PROFILE_KEY } from './queries';

interface BasicForm {
  phone: string;
  email: string;
  ethnicity?: Ethnicity | null;
  nativePlace?: string;
  graduatedSchool?: string;
  major: string;
}

/** 基本信息: shown, and edited directly (saved at once) except name, ID number, unit and 专业技术职务. */
export function BasicInfoSection({ profile: p }: { profile: ProfessionalProfile }) {
  const [editing, setEditing] = useState(false);
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BasicForm>();

  const save = useMutation({
    mutationFn: (v: BasicForm) =>
      call(myProfessionalApi.updateProfile, {
        body: {
          phone: v.phone.trim(),
          email: v.email.trim(),
          ethnicity: v.ethnicity ?? null,
          nativePlace: v.nativePlace?.trim() ?? null,
          graduatedSchool: v.graduatedSchool?.trim() ?? null,
          major: v.major,
        },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(MY_PROFILE_KEY, updated);
      void message.success('保存成功');
      setEditing(false);
    },
  });

  const fixed = [
    { key: 'name', label: '姓名', children: p.name },
    { key: 'id', label: '身份证号', children: p.idNumber },
    { key: 'gender', label: '性别', children: GENDER_LABELS[p.gender] },
    { key: 'birth', label: '出生日期', children: p.birthDate },
    { key: 'unit', label: '所在单位', children: p.unit.name },
    ...(p.workDepartment ? [{ key: 'wd', label: '工作部门', children: p.workDepartment.name }] : []),
    { key: 'cert', label: '证书管理号', children: p.certNo },
    { key: 'title', label: '专业技术职务', children: titleText(p.titleSeries, p.titleLevel) },
  ];

  if (!editing) {
    return (
      <>
        <Descriptions
          column={screens.md ? 2 : 1}
          size="small"
          bordered
          items={[
            ...fixed,
            { key: 'phone', label: '手机', children: p.phone ?? '—' },
            { key: 'email', label: '邮箱', children: p.email ?? '—' },
            { key: 'ethnicity', label: '民族', children: p.ethnicity ?? '—' },
            { key: 'native', label: '籍贯', children: p.nativePlace ?? '—' },
            { key: 'school', label: '毕业院校', children: p.graduatedSchool ?? '—' },
            { key: 'major', label: '所学专业', children: p.major },
          ]}
        />
        <p className="muted" style={{ marginTop: 12 }}>
          姓名、身份证号、所在单位和专业技术职务不能在此直接修改：姓名、身份证号请通过“证件信息修改”申请，
          专业技术职务请通过“专业技术职务”申请，调动工作请办理“单位调转”。
        </p>
        <div className="pro-section-actions">
          <Button
            type="primary"
            onClick={() => {
              form.setFieldsValue({
                phone: p.phone ?? '',
                email: p.email ?? '',
                // The stored value is one of the catalogue's (checked when saved).
                ethnicity: ETHNICITIES.find((e) => e === p.ethnicity) ?? null,
                nativePlace: p.nativePlace ?? '',
                graduatedSchool: p.graduatedSchool ?? '',
                major: p.major,
              });
              save.reset();
              setEditing(true);
            }}
          >
            修改基本信息
          </Button>
          <LinkButton to="/change-password">修改密码</LinkButton>
        </div>
      </>
    );
  }

  return (
    <Form<BasicForm>
      form={form}
      name="basic"
      layout={screens.md ? 'horizontal' : 'vertical'}
      labelCol={screens.md ? { flex: '110px' } : undefined}
      onFinish={(v) => save.mutate(v)}
    >
      <Descriptions column={1} size="small" items={fixed.slice(0, 2)} style={{ marginBottom: 12 }} />
      <Form.Item
        name="phone"
        label="手机"
        rules={[
          { required: true, message: '请输入手机号码' },
          { pattern: /^\s*1\d{10}\s*$/, message: '请输入11位手机号码' },
        ]}
      >
        <Input maxLength={11} inputMode="tel" />
      </Form.Item>
      <Form.Item
        name="email"
        label="邮箱"
        rules={[
          { required: true, message: '请输入电子邮箱' },
          { type: 'email', message: '电子邮箱格式不正确' },
        ]}
      >
        <Input maxLength={100} inputMode="email" />
      </Form.Item>
      <Form.Item name="ethnicity" label="民族">
        <Select
          options={ethnicityOptions}
          allowClear
          placeholder="请选择"
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item name="nativePlace" label="籍贯">
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="graduatedSchool" label="毕业院校">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="major" label="所学专业" rules={[{ required: true, message: '请选择所学专业' }]}>
        <Select options={majorOptions} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <ErrorAlert error={save.error} />
      <div className="pro-section-actions">
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
        <Button onClick={() => setEditing(false)}>取消</Button>
      </div>
    </Form>
  );
}
