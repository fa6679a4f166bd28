/** The fields of an article the index reads, in the order they are stored, and their weights. */
import type { SearchDocument, SearchSection } from './article-document';
import type { HighlightField } from './results';

export const FIELD_WEIGHTS: Record<HighlightField, number> = { title: 3, heading: 2, lead: 1, section: 1 };
/** Between the fields of a stored folded text; folding never produces it. */
export const FIELD_SEPARATOR = '\0';

export interface Field {
  kind: HighlightField;
  section: SearchSection | null;
  text: string;
}

export function fieldsOf(doc: SearchDocument): Field[] {
  const fields: Field[] = [{ kind: 'title', section: null, text: doc.title }];
  if (doc.lead !== null) fields.push({ kind: 'lead', section: null, text: doc.lead });
  for (const section of doc.sections) {
    fields.push({ kind: 'heading', section, text: section.heading }, { kind: 'section', section, text: section.text });
  }
  return fields;
}
