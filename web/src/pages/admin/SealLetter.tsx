import type { ReactNode } from 'react';
import { SealPreview } from '../../components/SealPreview';
import './certificates.css';

/**
 * The letter of 附件2 "《河南省专业技术人员继续教育证书》电子签章启用申请": addressed to the province
 * HRSS, its body (the reason, or the field to write it), the seal to be filed and the applicant.
 */
export function SealLetter({
  bureauName,
  sealText,
  body,
  date,
}: {
  bureauName: string;
  sealText: string;
  body: ReactNode;
  /** 申请日期, once submitted. */
  date?: string;
}) {
  return (
    <div className="seal-letter">
      <div className="seal-letter-title">
        《河南省专业技术人员继续教育证书》
        <br />
        电子签章启用申请
      </div>
      <div className="seal-letter-to">河南省人力资源和社会保障厅：</div>
      <div className="seal-letter-body">{body}</div>
      <div className="seal-letter-foot">
        <div className="seal-letter-seal">
          <SealPreview text={sealText} size={112} />
          <div>专业技术人员继续教育证书专用章（备案）</div>
        </div>
        <div className="seal-letter-sign">
          <div>申请单位：{bureauName}</div>
          {date && <div>{date}</div>}
        </div>
      </div>
    </div>
  );
}
