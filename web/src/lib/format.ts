import dayjs from 'dayjs';

/** YYYY-MM-DD HH:mm in the browser's time zone; an em dash for nothing. */
export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';

/** Today's date as YYYY-MM-DD (for the ID number's "not born in the future" check). */
export const today = (): string => dayjs().format('YYYY-MM-DD');

/** YYYY-MM-DD in the browser's time zone; an em dash for nothing. */
export const formatDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
