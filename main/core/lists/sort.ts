import { pageClause } from './paging.ts';
import type { PageArgs } from './paging.ts';

/**
 * A list's sort aliases: alias → ORDER BY terms written for ascending order (a leading '-' sorts
 * that term the other way). Terms end in a unique column so pages never overlap, and follow an
 * index so a page reads only its rows.
 */
export type SortTerms = Record<string, readonly string[]>;

export interface ListPage {
  alias: string;
  desc: boolean;
  orderBy: string;
  limit: number;
  offset: number;
}

/** MOSIP's paging rules (pageClause) with a per-list default sort and multi-column ORDER BY. */
export function listPage(args: PageArgs, sorts: SortTerms, fallback: string, fallbackType: 'asc' | 'desc'): ListPage {
  const aliases = Object.fromEntries(Object.keys(sorts).map((k) => [k, k]));
  const page = pageClause({ ...args, sortType: args.sortType ?? fallbackType }, aliases, fallback);
  const alias = args.sortFieldName ?? fallback;
  const desc = page.orderBy.endsWith(' DESC');
  const orderBy = (sorts[alias] ?? [])
    .map((term) => {
      const inverted = term.startsWith('-');
      return `${inverted ? term.slice(1) : term} ${desc !== inverted ? 'DESC' : 'ASC'}`;
    })
    .join(', ');
  return { alias, desc, orderBy, limit: page.limit, offset: page.offset };
}

/** WHERE clauses and their parameters, built side by side so they never drift apart. */
export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  /** The parameters of each part, in order (to copy terms into another Where). */
  readonly termParams: unknown[][] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    this.termParams.push(params);
    return this;
  }

  /** `column IN (?, ?, …)`; an empty list matches nothing. */
  in(column: string, values: readonly unknown[]): this {
    if (values.length === 0) return this.add('0');
    return this.add(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);
  }

  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }

  /** For use after an existing WHERE: `AND …` or nothing. */
  get and(): string {
    return this.parts.length ? `AND ${this.parts.join(' AND ')}` : '';
  }
}
