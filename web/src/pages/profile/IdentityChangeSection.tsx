import { Alert, App, Button, Descriptions, Form, Grid, Input, Upload, type UploadFile } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { chinaDateTime, chineseDate, myProfessionalApi, validateIdNumber } from '@ce/shared';
import { call } from '../../api/client';
import type { ProfessionalProfile } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { today } from '../../lib/format';
import { PendingChange } from './PendingChange';
import { useRefreshMine } from './queries';

interface IdentityForm {
  name?: string;
  idNumber?: string;
  front?: UploadFile[];
  back?: UploadFile[];
}

const PHOTO_MAX_MB = 5;
const PHOTO_TYPES = ['image/jpeg', 'image/png'];

/** What the request would change, against the current name and ID number (the server applies the same rule). */
export function identityChanges(
  current: { name: string; idNumber: string },
  v: { name?: string; idNumber?: string },
) {
  const name = v.name?.trim() || current.name;
  const idNumber = v.idNumber?.trim().toUpperCase() || current.idNumber;
  return { name, idNumber, nameChanged: name !== current.name, idChanged: idNumber !== current.idNumber };
}

/** One photo: a picture card with a preview; the "+" disappears once a photo is chosen. */
function PhotoUpload({
  side,
  fileList,
  onChange,
  beforeUpload,
}: {
  side: string;
  fileList?: UploadFile[];
  onChange?: (info: { fileList: UploadFile[] }) => void;
  beforeUpload: (file: File) => boolean | string;
}) {
  return (
    <Upload
      listType="picture-card"
      accept=".jpg,.jpeg,.png,image/jpeg,image/png"
      maxCount={1}
      fileList={fileList}
      onChange={onChange}
      beforeUpload={beforeUpload}
    >
      {(fileList?.length ?? 0) === 0 && (
        <div>
          <PlusOutlined />
          <div style={{ marginTop: 6 }}>身份证{side}</div>
        </div>
      )}
    </Upload>
  );
}

const fileFromEvent = (e: { fileList: UploadFile[] } | UploadFile[]) => (Array.isArray(e) ? e : e.fileList);

/**
 * 证件信息修改 (R-9, FAQ "专技人员如何修改姓名或身份证号？"): a new name or a new ID number with photos of
 * both sides of the ID card, reviewed by the unit; one of the two must stay; once in 30 days.
 */
export function IdentityChangeSection({ profile: p }: { profile: ProfessionalProfile }) {
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const refresh = useRefreshMine();
  const [form] = Form.useForm<IdentityForm>();
  const submit = useMutation({
    mutationFn: (v: IdentityForm) => {
      const c = identityChanges(p, v);
      const body = new FormData();
      if (c.nameChanged) body.append('name', c.name);
      if (c.idChanged) body.append('idNumber', c.idNumber);
      body.append('front', v.front![0]!.originFileObj as File);
      body.append('back', v.back![0]!.originFileObj as File);
      return call(myProfessionalApi.identityChange, { form: body });
    },
    onSuccess: () => {
      form.resetFields();
      void refresh();
    },
  });

  const allowedFrom = p.identityChangeAllowedFrom;
  const blockedUntil = allowedFrom && Date.parse(allowedFrom) > Date.now() ? allowedFrom : null;

  const photoRules = (side: string) => [{ required: true, message: `请上传身份证${side}照片` }];
  const beforeUpload = (file: File) => {
    if (!PHOTO_TYPES.includes(file.type)) {
      void message.error('只能上传 JPG 或 PNG 格式的照片');
      return Upload.LIST_IGNORE;
    }
    if (file.size > PHOTO_MAX_MB * 1024 * 1024) {
      void message.error(`照片不能超过${PHOTO_MAX_MB}MB`);
      return Upload.LIST_IGNORE;
    }
    return false; // kept in the form; sent with the request
  };

  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="姓名、身份证号注册后不能直接修改"
        description={
          <>
            <div>
              如需更正，请填写新的姓名或身份证号，并上传身份证正、反面照片，由所在单位审核通过后生效。
            </div>
            <div>姓名、身份证号中必须有一项与修改前一致（不能同时修改）；证件信息30天内只允许修改一次。</div>
            <div>修改后证书管理号不变；修改身份证号的，登录账号随之改为新的身份证号。</div>
          </>
        }
      />
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: '当前姓名', children: p.name },
          { key: 'id', label: '当前身份证号', children: p.idNumber },
        ]}
      />
      {p.pendingChanges.includes('identity') ? (
        <PendingChange kind="identity" submitted={submit.data?.message} />
      ) : blockedUntil ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={`证件信息30天内只允许修改一次，您可于${chineseDate(blockedUntil)} ${chinaDateTime(blockedUntil).slice(11)}后再申请`}
        />
      ) : p.liveTransferId !== null ? (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title="单位调转办理中，暂不能提交变更申请" />
      ) : (
        <Form<IdentityForm>
          form={form}
          name="identity"
          layout={screens.md ? 'horizontal' : 'vertical'}
          labelCol={screens.md ? { flex: '110px' } : undefined}
          onFinish={(v) => submit.mutate(v)}
          style={{ marginTop: 12 }}
        >
          <Form.Item
            name="name"
            label="新姓名"
            extra="不修改姓名请留空"
            dependencies={['idNumber']}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  const c = identityChanges(p, {
                    name: value,
                    idNumber: form.getFieldValue('idNumber') as string,
                  });
                  if (!c.nameChanged && !c.idChanged) throw new Error('姓名和身份证号均未修改');
                  if (c.nameChanged && c.idChanged) throw new Error('姓名、身份证号中必须有一项与修改前一致');
                },
              },
            ]}
          >
            <Input maxLength={50} placeholder={p.name} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label="新身份证号"
            extra="不修改身份证号请留空"
            normalize={(v: string | undefined) => v?.toUpperCase()}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  if (!value?.trim()) return;
                  const check = validateIdNumber(value, today());
                  if (!check.ok) throw new Error(check.message);
                },
              },
            ]}
          >
            <Input maxLength={18} placeholder={p.idNumber} />
          </Form.Item>
          {(['正面', '反面'] as const).map((side) => (
            <Form.Item
              key={side}
              name={side === '正面' ? 'front' : 'back'}
              label={`身份证${side}照片`}
              valuePropName="fileList"
              getValueFromEvent={fileFromEvent}
              rules={photoRules(side)}
              extra={side === '反面' ? `JPG 或 PNG 格式，每张不超过${PHOTO_MAX_MB}MB` : undefined}
            >
              <PhotoUpload side={side} beforeUpload={beforeUpload} />
            </Form.Item>
          ))}
          <ErrorAlert error={submit.error} />
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            提交审核
          </Button>
        </Form>
      )}
    </>
  );
}
