// Its own module: config.ts defaults `lists.countCap` to it without importing the list engine.
/**
 * A total that has to be counted match by match is counted up to this many (config
 * `lists.countCap`): past it the list says "more than N" (`totalIsLowerBound`), so a dense filter
 * ("services" in every comment) costs the cap, not its million matches. The dearest matches
 * measured on 1M rows (docs/benchmarks.md) are those of a phrase of common trigrams ("case 42"):
 * that list took 25 ms with a cap of 10,000, over the 20 ms goal, and 16 ms with 5,000. And 5,000
 * rows are 625 pages of eight: nobody pages that far, filters narrow first.
 */
export const COUNT_CAP = 5_000;
