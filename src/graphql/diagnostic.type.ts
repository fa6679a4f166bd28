import { Field, Int, ObjectType } from 'type-graphql';
import type { Severity } from '../content/parsed-post';
import { DiagnosticSeverityEnum } from './diagnostic-severity.enum';

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
