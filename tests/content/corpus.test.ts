/**
 * An extra check over the real posts the project started from, when they are beside the
 * project (`../shared`). The suite's own fixtures cover every rule; this catches surprises.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ContentStore } from '../../src/content/content-store';
import { PROJECT_ROOT } from '../helpers/cli';

const CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus');
const present = existsSync(CORPUS);
if (!present) console.info(`corpus check skipped: ${CORPUS} is not present`);

(present ? describe : describe.skip)('the real corpus in ../shared/corpus', () => {
  it('serves or diagnoses every file, and leaves no HTML entity in a title', async () => {
    const snapshot = (await ContentStore.open(CORPUS)).current();
    const { status } = snapshot;
    const erroredFiles = new Set(status.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path));
    expect(status.files).toBe(status.articles + status.unpublished + erroredFiles.size);
    expect(status.articles).toBeGreaterThan(40);
    const articles = snapshot.findArticles({}, 'DATE_DESC');
    const bodies = snapshot.bodiesBySlug(articles.map((article) => article.slug));
    articles.forEach((article, index) => {
      expect(article.meta.title).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
      expect(bodies[index]?.html).not.toMatch(/<script|<style|\son\w+=|javascript:/i);
    });
  });

  it('splits the seed post into its six sections', async () => {
    const seed = path.resolve(PROJECT_ROOT, '../shared/seed');
    const snapshot = (await ContentStore.open(seed)).current();
    const [article] = snapshot.findArticles({}, 'DATE_DESC');
    expect(article.body.sections).toHaveLength(6);
    expect(article.body.hasLead).toBe(true);
    expect(article.categorySlugs).toHaveLength(1);
    expect(article.meta.categories[0]).toHaveLength(3);
  });
});
