import { Field, Float, ObjectType } from 'type-graphql';
import type { Article } from '../content/model';
import { TAXONOMY_SHARE, TEXT_SHARE } from '../content/related/settings';
import { ArticleType } from './article.type';

@ObjectType('RelatedArticle', {
  simpleResolvers: true,
  description: 'An article like another one, and what they have in common.',
})
export class RelatedArticleType {
  @Field(() => ArticleType, { description: 'The related article.' })
  article!: Article;

  @Field(() => Float, {
    description: `Similarity from 0 to 1: ${TAXONOMY_SHARE} times the share of the first article's taxonomy weight this one shares (tags and categories, rarer ones weighing more) plus ${TEXT_SHARE} times how alike their texts are (by the search index's terms, so CJK text counts too, numbers left out).`,
  })
  score!: number;
}
