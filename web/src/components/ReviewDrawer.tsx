import type { ReactNode } from 'react';
import { Alert, Button, Image, Space } from 'antd';
import { DetailDrawer, type DetailQuery } from './DetailDrawer';

/** The approve / reject pair of a review (通过 / 不通过, 批准启用 / 不予启用 …), for a drawer's footer. */
export function ReviewActions({
  onApprove,
  onReject,
  approveText = '通过',
  rejectText = '不通过',
}: {
  /** Omitted: this item can only be refused here (e.g. an identity change is approved after the photos). */
  onApprove?: () => void;
  onReject: () => void;
  approveText?: string;
  rejectText?: string;
}) {
  return (
    <Space>
      {onApprove && (
        <Button type="primary" onClick={onApprove}>
          {approveText}
        </Button>
      )}
      <Button danger onClick={onReject}>
        {rejectText}
      </Button>
    </Space>
  );
}

/**
 * The review drawer (issue 8 item 15): the detail-drawer shell with the item's facts and evidence,
 * and 通过 / 不通过 in its footer while the item still waits for this reviewer. The page configures
 * what is shown and what each button does (usually `useReviewDecision`, which asks for the reason).
 */
export function ReviewDrawer<T>({
  decidable,
  onApprove,
  onReject,
  approveText,
  rejectText,
  ...drawer
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode | ((data: T) => ReactNode);
  query: DetailQuery<T>;
  width?: number;
  /** Whether the loaded item waits for this reviewer (no buttons otherwise). */
  decidable: (data: T) => boolean;
  onApprove: (data: T) => void;
  onReject: (data: T) => void;
  approveText?: string;
  rejectText?: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <DetailDrawer<T>
      {...drawer}
      footer={(d) =>
        decidable(d) ? (
          <ReviewActions
            onApprove={() => onApprove(d)}
            onReject={() => onReject(d)}
            approveText={approveText}
            rejectText={rejectText}
          />
        ) : null
      }
    />
  );
}

/** One image of evidence: where it is served, what it shows (its alt text) and a caption under it. */
export interface EvidenceImage {
  src: string;
  alt: string;
  caption?: string;
}

/**
 * Evidence the reviewer must look at before deciding (身份证照片, a licence scan…): a hint on what
 * to check, then the images side by side, each opening full size (and the others in the same viewer).
 */
export function EvidenceImages({
  title,
  hint,
  images,
  width = 260,
}: {
  title: string;
  hint?: string;
  images: EvidenceImage[];
  width?: number;
}) {
  return (
    <>
      <h4 style={{ margin: '20px 0 8px' }}>{title}</h4>
      {hint && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={hint} />}
      <Image.PreviewGroup>
        <Space wrap size={16} align="start">
          {images.map((img) => (
            <figure key={img.src} style={{ margin: 0 }}>
              <Image width={width} src={img.src} alt={img.alt} />
              {img.caption && <figcaption className="muted">{img.caption}</figcaption>}
            </figure>
          ))}
        </Space>
      </Image.PreviewGroup>
    </>
  );
}

/** A queue row's 操作 cell: 详情, then 通过 / 不通过 (or the page's words) where this reviewer may decide. */
export function ReviewRowActions({
  onDetail,
  onApprove,
  onReject,
  approveText = '通过',
  rejectText = '不通过',
}: {
  onDetail?: () => void;
  onApprove?: () => void;
  onReject?: () => void;
  approveText?: string;
  rejectText?: string;
}) {
  return (
    <Space size={4}>
      {onDetail && (
        <Button size="small" type="link" onClick={onDetail}>
          详情
        </Button>
      )}
      {onApprove && (
        <Button size="small" type="link" onClick={onApprove}>
          {approveText}
        </Button>
      )}
      {onReject && (
        <Button size="small" type="link" danger onClick={onReject}>
          {rejectText}
        </Button>
      )}
    </Space>
  );
}
