import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Severity } from '../content/types';

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

@ObjectType('Diagnostic', { simpleResolvers: true, description: 'A problem found in one file while loading content.' })
export class DiagnosticType {
  @Field({ description: 'Path of the file relative to the content root, with `/` separators.' })
  path!: string;

  @Field(() => DiagnosticSeverityEnum, { description: 'Whether the file was skipped or only warned about.' })
  severity!: Severity;

  @Field({ description: 'Stable machine-readable code, e.g. `DATE_INVALID`.' })
  code!: string;

  @Field({ description: 'What is wrong, for people.' })
  message!: string;

  @Field(() => Int, { nullable: true, description: '1-based line in the file, when the problem has one.' })
  line?: number;
}

@ObjectType('ContentStatus', { simpleResolvers: true, description: 'What the server loaded and serves right now.' })
export class ContentStatusType {
  @Field({ description: 'Hash of the served content; changes whenever the content changes.' })
  version!: string;

  @Field({ description: 'When this version of the content was loaded.' })
  loadedAt!: Date;

  @Field(() => Int, { description: 'Markdown files found.' })
  files!: number;

  @Field(() => Int, { description: 'Articles served.' })
  articles!: number;

  @Field(() => Int, { description: 'Files left out because they are unpublished or hidden.' })
  unpublished!: number;

  @Field(() => Int, { description: 'Categories, every level counted.' })
  categories!: number;

  @Field(() => Int, { description: 'Distinct authors.' })
  authors!: number;

  @Field(() => Int, { description: 'Distinct tags.' })
  tags!: number;

  @Field(() => Int, { description: 'Sections over all articles.' })
  sections!: number;

  @Field(() => Int, { description: 'Files skipped because of an error.' })
  errors!: number;

  @Field(() => Int, { description: 'Warnings over all files.' })
  warnings!: number;

  @Field(() => [DiagnosticType], { description: 'Every error and warning, in file order.' })
  diagnostics!: DiagnosticType[];
}
