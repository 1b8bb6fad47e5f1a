import { create } from 'zustand';
import { PAGE_SIZES, type SortType } from '../contract.ts';

/** What a list shows: filter texts as typed, the page, the order, and the fixed part of its input. */
export interface ListQuery {
  filters: Record<string, string>;
  scope: Record<string, unknown>;
  pageNo: number;
  pageSize: number;
  sortFieldName: string;
  sortType: SortType;
}

interface ListStates {
  lists: Record<string, ListQuery>;
  put(id: string, query: ListQuery): void;
  reset(): void;
}

/**
 * Each list's query, by list id, kept while the user moves between screens (back to a list
 * finds its page and filters) and dropped with the session.
 */
export const useListStates = create<ListStates>()((set) => ({
  lists: {},
  put: (id, query) => set((s) => ({ lists: { ...s.lists, [id]: query } })),
  reset: () => set({ lists: {} }),
}));

/**
 * Opens a list on its newest rows, filters cleared, page size kept: after an upload, the list the
 * user goes back to shows what was just added (the right tab, first row) rather than the old view.
 */
export function showNewestFirst(id: string, view: Pick<ListQuery, 'scope' | 'sortFieldName'>): void {
  const { lists, put } = useListStates.getState();
  put(id, { pageSize: lists[id]?.pageSize ?? PAGE_SIZES[0], ...view, filters: {}, pageNo: 0, sortType: 'desc' });
}
