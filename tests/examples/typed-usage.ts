/**
 * Never run: these lines only have to type-check, or fail to where marked, to show that the
 * generated documents type what a request sends and receives.
 */
import { createClient } from '../../examples/client';
import { ArticleWithSectionsDocument, CategoryArticlesDocument } from '../../examples/generated/graphql';

export async function typedUsage(endpoint: string): Promise<string[]> {
  const request = createClient(endpoint);
  const { article } = await request(ArticleWithSectionsDocument, { slug: 'some/article' });
  // @ts-expect-error the operation does not select `html`
  console.log(article?.sections[0]?.html);
  // @ts-expect-error `slug` is a string
  await request(ArticleWithSectionsDocument, { slug: 1 });
  // @ts-expect-error `slug` is required
  await request(ArticleWithSectionsDocument, {});
  // @ts-expect-error `first` is required by this operation
  await request(CategoryArticlesDocument, { slug: 'some/category' });
  const { category } = await request(CategoryArticlesDocument, { slug: 'some/category', first: 10, after: null });
  const cursor: string | null | undefined = category?.articles.pageInfo.endCursor;
  console.log(cursor);
  return article?.sections.map((section) => section.heading) ?? [];
}
