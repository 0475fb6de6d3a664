import { useState, type ComponentProps, type ReactNode } from 'react';
import { App } from 'antd';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import { ReasonModal } from './ReasonModal';

/** An approval (with what its confirmation collected, e.g. a 工作部门) or a refusal with its reason. */
export type ReviewDecision<E = undefined> = { approve: true; extra?: E } | { approve: false; reason: string };

type DecisionOptions<T, R, E> = Parameters<typeof useReviewDecision<T, R, E>>[0];

type ReasonText = Omit<ComponentProps<typeof ReasonModal>, 'open' | 'loading' | 'onCancel' | 'onSubmit'>;

/**
 * How every review queue decides one item (issue 8 item 15): 通过 after a confirmation, 不通过 with a
 * reason in `ReasonModal`; the item's version goes with the decision, the console's lists refresh,
 * and when a colleague decided first (ALREADY_HANDLED) or the item is gone the server's message shows
 * and the lists refetch. The page supplies the endpoint call and its own wording.
 */
export function useReviewDecision<T, R = unknown, E = undefined>(opts: {
  decide: (item: T, d: ReviewDecision<E>) => Promise<R>;
  /** The success message (null: none, e.g. when `onDecided` shows a result of its own). */
  decided: (item: T, approved: boolean, result: R) => string | null;
  /** The approval's confirmation; without it 通过 posts at once. */
  confirm?: (item: T) => { title: string; content: ReactNode; okText: string };
  /** The refusal dialog's wording. */
  refusal: (item: T) => ReasonText;
  onDecided?: (item: T, approved: boolean, result: R) => void;
  /** The item was decided by someone else or is gone: close what the page opened for it. */
  onGone?: () => void;
}) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState<T | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin'] });

  const mutation = useMutation({
    mutationFn: ({ item, d }: { item: T; d: ReviewDecision<E> }) => opts.decide(item, d),
    onSuccess: (result, { item, d }) => {
      const text = opts.decided(item, d.approve, result);
      if (text) void message.success(text);
      setRejecting(null);
      opts.onDecided?.(item, d.approve, result);
      refresh();
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      if (err instanceof ApiError && (err.code === 'ALREADY_HANDLED' || err.status === 404)) {
        setRejecting(null);
        opts.onGone?.();
        refresh();
      }
    },
  });

  /** Posts an approval now (after a page's own dialog, e.g. 同意调入 with its 工作部门). */
  const approveNow = (item: T, extra?: E) => mutation.mutateAsync({ item, d: { approve: true, extra } });
  const approve = (item: T) => {
    const c = opts.confirm?.(item);
    if (!c) return void approveNow(item).catch(() => undefined);
    modal.confirm({ ...c, onOk: () => approveNow(item).catch(() => undefined) });
  };

  const reasonModal = (
    <ReasonModal
      {...(rejecting !== null ? opts.refusal(rejecting) : { title: '' })}
      open={rejecting !== null}
      loading={mutation.isPending}
      onCancel={() => setRejecting(null)}
      onSubmit={(reason) =>
        rejecting !== null && mutation.mutate({ item: rejecting, d: { approve: false, reason } })
      }
    />
  );

  return { approve, approveNow, reject: setRejecting, reasonModal, pending: mutation.isPending };
}

/**
 * A review queue's detail drawer wired to its decisions (issue 8 item 15): which item is open, its
 * detail query, and the 通过 / 不通过 of `useReviewDecision` handed to `ReviewDrawer`, closing the
 * drawer once decided. The page supplies the detail call and the decision's calls and wording, and
 * renders `<ReviewDrawer {...review.drawer} title=…>` with the item's facts.
 */
export function useReviewDetail<T, R = unknown, E = undefined>({
  detailKey,
  detail,
  decidable,
  ...decision
}: DecisionOptions<T, R, E> & {
  /** The detail query's key without the id (the id is appended). */
  detailKey: QueryKey;
  detail: (id: number) => Promise<T>;
  /** Whether an item still waits for this reviewer (the drawer's buttons, and the page's row actions). */
  decidable: (item: T) => boolean;
}) {
  const [openId, setOpenId] = useState<number | null>(null);
  const close = () => setOpenId(null);
  const query = useQuery({
    queryKey: [...detailKey, openId],
    queryFn: () => detail(openId!),
    enabled: openId !== null,
  });
  const review = useReviewDecision<T, R, E>({
    ...decision,
    onDecided: (item, approved, result) => {
      close();
      decision.onDecided?.(item, approved, result);
    },
  });
  return {
    ...review,
    decidable,
    /** Opens the drawer on this item. */
    open: (id: number) => setOpenId(id),
    close,
    /** The wiring of `ReviewDrawer`: the page adds its title, button words and content. */
    drawer: {
      open: openId !== null,
      onClose: close,
      query,
      decidable,
      onApprove: review.approve,
      onReject: review.reject,
    },
  };
}
