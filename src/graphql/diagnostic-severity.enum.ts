import { registerEnumType } from 'type-graphql';
import type { Severity } from '../content/parsed-post';

export const DiagnosticSeverityEnum = {
  ERROR: 'error',
  WARNING: 'warning',
} as const satisfies Record<string, Severity>;

registerEnumType(DiagnosticSeverityEnum, {
  name: 'DiagnosticSeverity',
  description: 'How bad a problem found while loading content is.',
  valuesConfig: {
    ERROR: { description: 'The file was skipped.' },
    WARNING: { description: 'The file was served, possibly with something left out or guessed.' },
  },
});
