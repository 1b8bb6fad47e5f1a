import { AppError } from '../../contract/index.ts';

export interface PageArgs {
  pageNo: number;
  pageSize: number;
  sortFieldName?: string | undefined;
  sortType?: string | undefined;
}

export const MAX_PAGE_SIZE = 500;

/**
 * MOSIP's V2 list rules (pms.md §2.2) turned into a safe ORDER BY / LIMIT / OFFSET.
 * Sort fields are looked up in a per-list alias → column map, never interpolated from input.
 */
export function pageClause(
  args: PageArgs,
  columns: Record<string, string>,
  fallback: string,
): { orderBy: string; limit: number; offset: number } {
  if (args.pageNo < 0)
    throw new AppError('PMS_PRT_360', 'Page number must not be negative.', {
      pageNo: 'PMS_PRT_360',
    });
  if (args.pageSize <= 0 || args.pageSize > MAX_PAGE_SIZE)
    throw new AppError('PMS_PRT_361', `Page size must be between 1 and ${MAX_PAGE_SIZE}.`, {
      pageSize: 'PMS_PRT_361',
    });
  const field = args.sortFieldName ?? fallback;
  const column = Object.prototype.hasOwnProperty.call(columns, field) ? columns[field] : undefined;
  if (!column)
    throw new AppError('PMS_PRT_357', `Cannot sort by "${field.slice(0, 64)}".`, {
      sortFieldName: 'PMS_PRT_357',
    });
  const type = (args.sortType ?? 'desc').toLowerCase();
  if (type !== 'asc' && type !== 'desc')
    throw new AppError('PMS_PRT_358', 'Sort type must be asc or desc.', {
      sortType: 'PMS_PRT_358',
    });
  return {
    orderBy: `${column} ${type.toUpperCase()}`,
    limit: args.pageSize,
    offset: args.pageNo * args.pageSize,
  };
}

/** Escapes a user string for `LIKE ? ESCAPE '\'` as a case-insensitive "contains" filter. */
export function likeContains(value: string): string {
  return `%${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
