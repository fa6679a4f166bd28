import { ArgsType, Field } from 'type-graphql';
import type { ArchiveGrouping } from '../content/archive';
import { ArchiveGroupingEnum } from './archive-grouping.enum';
import { ArticleFilterInput } from './article-filter.input';

@ArgsType()
export class ArchiveArgs {
  @Field(() => ArchiveGroupingEnum, { description: 'Group by year, month or day.' })
  groupBy!: ArchiveGrouping;

  @Field(() => ArticleFilterInput, { nullable: true, description: 'Only articles matching every given field; all when not given.' })
  filter?: ArticleFilterInput | null;
}
