import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { errorMessage } from '../api/client';

/** The server's Chinese message for a failed request, with optional extra lines (links, hints). */
export function ErrorAlert({ error, extra }: { error: unknown; extra?: ReactNode }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error)}
      description={extra}
      style={{ marginBottom: 16 }}
    />
  );
}
