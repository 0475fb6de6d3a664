import { useState } from 'react';
import { Button, Card, Form, Input, Result, Spin, Tabs, Tag } from 'antd';
import { QrcodeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { certificateQueryApi, formatHours, TRANSFER_MARK, type EndpointResponse } from '@ce/shared';
import { call, ApiError, searchBody } from '../api/client';
import type { CertificateYear } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { LinkButton } from '../components/LinkButton';
import { PortalLayout } from '../components/PortalLayout';
import { maskName } from '../lib/certificates';
import './CertificateQueryPage.css';

type PublicCertificateAnswer = EndpointResponse<typeof certificateQueryApi.publicSearch>;
type Query = { certNo: string } | { idNumber: string; name: string };
type Tab = 'certNo' | 'person';

/** The hint of the FAQ "如何查询继续教育电子证书？" when nothing is found. */
export const NOT_FOUND_HINT = '可能该年度学时未达标，请登录后查看年度完成情况';

/**
 * 证书查询 (R-25, public): by 证书管理号, or by 身份证号 with 姓名 → the years with a certificate, their
 * status (有效 / 已撤销), issuer and hours; the holder's name masked.
 */
export function CertificateQueryPage() {
  const [tab, setTab] = useState<Tab>('certNo');
  const [query, setQuery] = useState<Query | null>(null);
  const answer = useQuery({
    queryKey: ['public-certificates', query],
    queryFn: () => call(certificateQueryApi.publicSearch, { body: searchBody(query ?? {}) }),
    enabled: query !== null,
  });
  const notFound = answer.isError && answer.error instanceof ApiError && answer.error.status === 404;

  return (
    <PortalLayout narrow>
      <div className="cq">
        <h1 className="cq-title">
          <SafetyCertificateOutlined /> 继续教育电子证书查询
        </h1>
        <Card className="form-card">
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as Tab)}
            items={[
              {
                key: 'certNo',
                label: '按证书管理号',
                children: (
                  <Form<{ certNo: string }>
                    name="byCertNo"
                    layout="vertical"
                    onFinish={(v) => setQuery({ certNo: v.certNo.trim() })}
                  >
                    <Form.Item
                      name="certNo"
                      label="证书管理号"
                      extra="13位数字，见电子证书上的“证书管理号”"
                      rules={[
                        { required: true, whitespace: true, message: '请输入证书管理号' },
                        { pattern: /^\s*\d{13}\s*$/, message: '证书管理号为13位数字' },
                      ]}
                    >
                      <Input maxLength={20} inputMode="numeric" autoComplete="off" size="large" />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" block size="large" loading={answer.isFetching}>
                      查询
                    </Button>
                  </Form>
                ),
              },
              {
                key: 'person',
                label: '按身份证号+姓名',
                children: (
                  <Form<{ idNumber: string; name: string }>
                    name="byPerson"
                    layout="vertical"
                    onFinish={(v) =>
                      setQuery({ idNumber: v.idNumber.trim().toUpperCase(), name: v.name.trim() })
                    }
                  >
                    <Form.Item
                      name="idNumber"
                      label="身份证号"
                      rules={[{ required: true, whitespace: true, message: '请输入身份证号' }]}
                    >
                      <Input maxLength={18} autoComplete="off" size="large" />
                    </Form.Item>
                    <Form.Item
                      name="name"
                      label="姓名"
                      rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
                    >
                      <Input maxLength={50} autoComplete="off" size="large" />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" block size="large" loading={answer.isFetching}>
                      查询
                    </Button>
                  </Form>
                ),
              },
            ]}
          />
        </Card>

        {query &&
          (answer.isPending ? (
            <div className="page-center">
              <Spin />
            </div>
          ) : notFound ? (
            <Card data-testid="cq-not-found">
              <Result
                status="info"
                title="没有搜索到相关证书"
                subTitle={
                  <>
                    <div>{NOT_FOUND_HINT}。</div>
                    <div className="cq-hint">
                      只有完成当年度公需科目和专业科目的全部学时要求后，才可生成继续教育电子证书。请同时核对输入的信息是否正确。
                    </div>
                  </>
                }
                extra={
                  <LinkButton type="primary" to="/login?role=professional&next=%2Fme%2Fcompletion">
                    登录查看年度完成情况
                  </LinkButton>
                }
              />
            </Card>
          ) : answer.isError ? (
            <ErrorAlert error={answer.error} />
          ) : (
            <Found answer={answer.data} />
          ))}

        <div className="cq-verify">
          <QrcodeOutlined /> 手中有电子证书？用手机扫描证书上的二维码即可核验真伪，或
          <LinkButton type="link" to="/verify" className="cq-verify-link">
            手动输入二维码内容
          </LinkButton>
        </div>
      </div>
    </PortalLayout>
  );
}

const STATUS: Record<CertificateYear['status'], { label: string; color: string }> = {
  valid: { label: '有效', color: 'green' },
  revoked: { label: '已撤销', color: 'orange' },
};

function Found({ answer }: { answer: PublicCertificateAnswer }) {
  const years = [...answer.years].sort((a, b) => b.year - a.year);
  return (
    <Card className="cq-result" data-testid="cq-result">
      <div className="cq-holder">
        <div>
          <div className="cq-label">姓名</div>
          <div className="cq-holder-name">{maskName(answer.holder.name)}</div>
        </div>
        <div>
          <div className="cq-label">证书管理号</div>
          <div className="cq-certno">{answer.holder.certNo}</div>
        </div>
      </div>
      <div className="cq-years">
        {years.map((y) => (
          <div className="cq-year" key={y.year} data-testid={`cq-year-${y.year}`}>
            <div className="cq-year-head">
              <span className="cq-year-title">{y.year}年度</span>
              <Tag color={STATUS[y.status].color}>{STATUS[y.status].label}</Tag>
              {y.transferredFrom.length > 0 && <Tag color="purple">{`${TRANSFER_MARK}（${y.transferredFrom.join('、')}）`}</Tag>}
            </div>
            <div className="cq-year-line">
              公需科目 {formatHours(y.publicHours)} 学时 · 专业科目 {formatHours(y.professionalHours)} 学时
            </div>
            <div className="cq-year-line cq-muted">发证单位：{y.issuer}</div>
          </div>
        ))}
      </div>
      {years.some((y) => y.status === 'revoked') && (
        <div className="cq-muted cq-footnote">
          “已撤销”的年度证书已被发证单位撤销，不能作为完成该年度继续教育学习任务的证明。
        </div>
      )}
    </Card>
  );
}
