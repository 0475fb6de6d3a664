import { schema, type Queryable } from '../../db';

export interface Notification {
  channel: 'sms' | 'email';
  recipient: string;
  subject: string;
  body: string;
}

/**
 * Delivers messages to people. The default writes them to the outbox table in the caller's
 * transaction; operators read it (or a gateway drains it). Replace it to plug in an SMS service.
 */
export interface Notifier {
  send(q: Queryable, message: Notification): Promise<void>;
}

export const outboxNotifier: Notifier = {
  async send(q, message) {
    await q.insert(schema.outbox).values(message);
  },
};
