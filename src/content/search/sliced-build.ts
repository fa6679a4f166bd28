/**
 * Builds the search index of a whole corpus a slice at a time between other work, so that building
 * it never holds back serving: a start is ready once its lookups are, and the index follows.
 *
 * Whoever needs the index before the slices are done finishes the build there and then, in the
 * same order, so every answer is the one an index built in one go gives: same totals, order,
 * scores and highlights. A request can instead wait for `built`: finishing on the spot holds the
 * event loop for the rest of the build (seconds at 100,000 posts), while waiting lets the slices
 * go on between other requests.
 */
import type { SearchDocument } from './article-document';
import { SearchIndex } from './search-index';

/** Work done per turn of the event loop: short enough that a request waits little behind a slice. */
const SLICE_MS = 10;

export interface SlicedIndex {
  /** The index, finishing its build first if need be. */
  index: () => SearchIndex;
  /** Settles once every document is in, by the slices or by `index()`. */
  built: Promise<void>;
}

/** The index of `items`, built in the background. */
export function buildIndexInSlices<T>(items: readonly T[], documentOf: (item: T) => SearchDocument): SlicedIndex {
  const index = new SearchIndex();
  let next = 0;
  let done = false;
  let markBuilt = (): void => {};
  const built = new Promise<void>((resolve) => (markBuilt = resolve));

  /** Adds documents until `deadline`; true once every one is in and the index is compacted. */
  const addUntil = (deadline: number): boolean => {
    while (next < items.length && performance.now() < deadline) index.add(documentOf(items[next++]));
    if (next < items.length) return false;
    if (!done) {
      index.compact();
      done = true;
      markBuilt();
    }
    return true;
  };

  // An unreferenced timer, so a process with nothing else to do (a `check`) exits rather than build an index no one
  // asks for. Not an unreferenced immediate: those run only when something else wakes the event loop.
  const slice = (): void => {
    if (!addUntil(performance.now() + SLICE_MS)) setTimeout(slice, 0).unref();
  };
  setTimeout(slice, 0).unref();

  return {
    index: () => {
      addUntil(Infinity);
      return index;
    },
    built,
  };
}
