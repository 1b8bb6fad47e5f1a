import { create } from 'zustand';
import type { SortType } from '../contract.ts';

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
