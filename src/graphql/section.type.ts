import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { NodeType } from './node.interface';

@Directive('@key(fields: "id")')
@ObjectType('Section', {
  simpleResolvers: true,
  description: 'A part of an article body that starts at an `h3` heading and runs to the next one.',
  implements: NodeType,
})
export class SectionType {
  @Field(() => Int, { description: '0-based position among the sections of the article.' })
  index!: number;

  @Field({ description: 'Plain text of the heading.' })
  heading!: string;

  @Field({ description: 'GitHub-style anchor of the heading, unique within the article; CJK characters are kept.' })
  anchor!: string;

  @Field(() => Int, { description: 'Word-like segments in the section text (CJK counted per word segment).' })
  wordCount!: number;
}
