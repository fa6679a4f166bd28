export { MAX_QUERY_CLAUSES, MAX_QUERY_LENGTH, MIN_PREFIX_LENGTH, parseQuery, SearchQueryError } from './query';
export type { ParsedQuery, QueryClause, QueryToken } from './query';
export { searchDocumentOf } from './article-document';
export { SearchIndex } from './search-index';
export type { SearchDocument, SearchSection } from './article-document';
export type { HighlightField, RankedMatch, SearchHighlight, SearchHit, SearchOptions, SearchResults } from './results';
export type { Snippet, TextRange } from './snippet';
