import { ConsistencyCheck, type EditHistory } from '../../bench/load/consistency';
import { liveTitle } from '../../bench/load/live-edits';
import { articlesPage, liveArticle, liveCategoryPage } from '../../bench/load/operations';

/** Post 1 was written as rev 1 and rev 2; post 2 only as rev 1 and was deleted once. */
const history: EditHistory = {
  wasWritten: (id, revision) => (id === 1 && revision <= 2) || (id === 2 && revision === 1),
  wasAbsent: (id) => id === 2,
};

const articleAnswer = (version: string, id: number, revision: number, sectionRevision = revision) =>
  JSON.stringify({
    data: {
      contentStatus: { version },
      article: {
        title: liveTitle(id, revision),
        sections: [{ heading: `${liveTitle(id, sectionRevision)} part 1`, anchor: 'a', html: '<p>x</p>' }],
      },
    },
  });

const categoryAnswer = (version: string, posts: [number, number][]) =>
  JSON.stringify({
    data: {
      contentStatus: { version },
      category: {
        name: 'desk',
        articleCount: posts.length,
        articles: { totalCount: posts.length, nodes: posts.map(([id, revision]) => ({ title: liveTitle(id, revision) })) },
      },
    },
  });

describe('load test consistency check', () => {
  it('accepts answers that each show one snapshot, old or new', () => {
    const check = new ConsistencyCheck(history);
    check.record(
      liveCategoryPage,
      200,
      categoryAnswer('v1', [
        [1, 1],
        [2, 1],
      ]),
    );
    check.record(liveArticle(1), 200, articleAnswer('v1', 1, 1));
    check.record(liveArticle(1), 200, articleAnswer('v2', 1, 2));
    check.record(liveCategoryPage, 200, categoryAnswer('v2', [[1, 2]]));
    check.record(liveArticle(2), 200, JSON.stringify({ data: { contentStatus: { version: 'v2' }, article: null } }));
    expect(check.result).toMatchObject({ answers: 5, failed: 0, inconsistent: 0, versions: 2, problems: [] });
  });

  it('flags an article whose sections come from another revision than its title', () => {
    const check = new ConsistencyCheck(history);
    check.record(liveArticle(1), 200, articleAnswer('v1', 1, 2, 1));
    expect(check.result.inconsistent).toBe(1);
  });

  it('flags two answers of one version that show different revisions', () => {
    const check = new ConsistencyCheck(history);
    check.record(liveCategoryPage, 200, categoryAnswer('v1', [[1, 1]]));
    check.record(liveArticle(1), 200, articleAnswer('v1', 1, 2));
    expect(check.result.inconsistent).toBe(1);
    expect(check.result.problems[0]).toMatch(/lists post 1 as 1, an article answer shows 2/);
  });

  it('flags a revision never written and a post missing that never was', () => {
    const check = new ConsistencyCheck(history);
    check.record(liveArticle(1), 200, articleAnswer('v1', 1, 3));
    check.record(liveArticle(1), 200, JSON.stringify({ data: { contentStatus: { version: 'v2' }, article: null } }));
    expect(check.result.inconsistent).toBe(2);
  });

  it('flags counts that disagree with the list in one answer', () => {
    const check = new ConsistencyCheck(history);
    const answer = JSON.stringify({
      data: { contentStatus: { version: 'v1', articles: 10 }, articles: { totalCount: 11, nodes: [] } },
    });
    check.record(articlesPage, 200, answer);
    expect(check.result.inconsistent).toBe(1);
  });

  it('counts errors and non-200 answers as failed', () => {
    const check = new ConsistencyCheck(history);
    check.record(liveArticle(1), 503, '{"errors":[{"message":"x"}]}');
    check.record(liveArticle(1), 200, '{"errors":[{"message":"x"}],"data":null}');
    check.record(liveArticle(1), 200, 'not json');
    expect(check.result).toMatchObject({ answers: 3, failed: 3 });
  });
});
