/** How many related articles a caller may ask for, and how many it gets when it does not say. */
export const RELATED_COUNT = { default: 5, max: 20 } as const;

/**
 * The text similarity's query (see `SearchIndex.textNeighbours`): an article's most telling keys,
 * as "more like this" takes, and the postings they may read in all, which bounds what one article
 * costs on a site of any size (a key too common to fit is passed over for a rarer one).
 */
export const RELATED_TEXT_QUERY = { keys: 24, postings: 8192 } as const;

/**
 * Articles whose related list a snapshot keeps. An entry is at most `RELATED_COUNT.max` small
 * records (about 3 KiB), so the memo stays near 6 MiB however many distinct articles are asked for.
 */
export const RELATED_MEMO_ENTRIES = 2048;

/** A score is half taxonomy and half text, so each reads on the same 0 to 1 scale. */
export const TAXONOMY_SHARE = 0.5;
export const TEXT_SHARE = 1 - TAXONOMY_SHARE;

/**
 * Holders of one taxonomy term walked at most. Only a term held by more articles than this (so one
 * of the lightest) is cut short: an article sharing nothing else with the first one may then be
 * missed for another as weakly related, and the cost of one article stays bounded on any site.
 */
export const RELATED_TERM_WALK = 1024;
