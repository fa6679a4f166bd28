import { Field, Int, ObjectType } from 'type-graphql';
import { DiagnosticType } from './diagnostic.type';
import { ListSize } from './list-size';

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

  @ListSize(100)
  @Field(() => [DiagnosticType], { description: 'Every error and warning, in file order.' })
  diagnostics!: DiagnosticType[];
}
