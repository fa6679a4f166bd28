import { Field, Int, ObjectType } from 'type-graphql';
import { ListSize } from './list-size';

@ObjectType('TocEntry', { simpleResolvers: true, description: 'A heading of an article body and the deeper headings under it.' })
export class TocEntryType {
  @Field(() => Int, { description: '1 for `h1` to 6 for `h6`.' })
  level!: number;

  @Field({ description: 'Plain text of the heading.' })
  text!: string;

  @Field({
    description:
      "The heading's `id` in `html`, `lead.html` and `sections.html`, so `#anchor` links to it; unique within the article, the same as `Section.anchor` for an `h3`.",
  })
  anchor!: string;

  @ListSize(3)
  @Field(() => [TocEntryType], { description: 'Deeper headings up to the next heading of this level or higher, nested alike.' })
  children!: TocEntryType[];
}
