/** A changed index is a new index: readers of the old one never see the change. */
import { SearchIndex, type SearchDocument } from '../../src/content/search';

function doc(slug: string, title: string, text: string): SearchDocument {
  return { slug, title, date: null, lead: null, sections: [{ anchor: 'body', heading: 'Body', text }] };
}

const slugs = (index: SearchIndex, query: string) => index.match(query).map((match) => match.slug);

describe('SearchIndex.withChanges', () => {
  const original = () => {
    const index = new SearchIndex();
    index.add(doc('a', 'Harbour report', 'Ferries and 渡轮 at dawn.'));
    index.add(doc('b', 'Market report', 'Fish prices and 鱼价 rose.'));
    return index;
  };

  it('answers with the change while the old index answers as before', () => {
    const before = original();
    const after = before.withChanges(
      [doc('a', 'Harbour report', 'Tugboats and 拖船 at dusk.'), doc('c', 'Weather', 'Fog over the ferries.')],
      ['b'],
    );
    expect(slugs(before, 'ferries')).toEqual(['a']);
    expect(slugs(before, '鱼价')).toEqual(['b']);
    expect(slugs(before, 'tugboats')).toEqual([]);
    expect(slugs(after, 'ferries')).toEqual(['c']);
    expect(slugs(after, '拖船')).toEqual(['a']);
    expect(slugs(after, '鱼价')).toEqual([]);
    expect(slugs(after, 'report')).toEqual(['a']);
    expect(before.size).toBe(2);
    expect(after.size).toBe(2);
  });

  it('keeps both indexes apart when either is changed again', () => {
    const before = original();
    const after = before.withChanges([doc('c', 'Weather', 'Fog over the harbour.')], []);
    before.add(doc('d', 'Harbour night', 'Lights on the water.'));
    after.remove('a');
    expect(slugs(before, 'harbour').sort()).toEqual(['a', 'd']);
    expect(slugs(after, 'harbour')).toEqual(['c']);
  });

  it('answers like an index built from scratch', () => {
    const changed = original().withChanges([doc('b', 'Market report', 'Vegetable prices fell.')], ['a']);
    const fresh = new SearchIndex();
    fresh.add(doc('b', 'Market report', 'Vegetable prices fell.'));
    for (const query of ['report', 'prices', 'vegetable', 'fish', 'market report']) {
      expect(changed.match(query)).toEqual(fresh.match(query));
    }
  });

  it('answers alike after its posting lists are compacted, and changes them like shared ones', () => {
    const compacted = original();
    compacted.compact();
    const plain = original();
    for (const query of ['report', 'ferries', '渡轮', 'rep*', '"market report"']) {
      expect(compacted.search(query)).toEqual(plain.search(query));
    }
    const after = compacted.withChanges([doc('c', 'Harbour weather', 'Ferries in fog.')], ['b']);
    compacted.add(doc('d', 'Market night', 'Ferries and 鱼价.'));
    expect(slugs(after, 'ferries').sort()).toEqual(['a', 'c']);
    expect(slugs(after, 'market')).toEqual([]);
    expect(slugs(compacted, 'ferries').sort()).toEqual(['a', 'd']);
    expect(slugs(compacted, '鱼价').sort()).toEqual(['b', 'd']);
    compacted.remove('a');
    expect(slugs(compacted, '渡轮')).toEqual([]);
    expect(slugs(after, '渡轮')).toEqual(['a']);
  });
});
