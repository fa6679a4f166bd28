/**
 * Front matter: split off a post safely, then normalised to {@link PostMeta}.
 * The diagnostic codes and their meaning are listed on {@link FrontMatterCode}.
 */
export type { FileDiagnostic, FrontMatterCode } from './diagnostics';
export { splitFrontMatter, type SplitOptions, type SplitResult } from './split';
export { normaliseMeta, type MetaContext } from './normalise-meta';
