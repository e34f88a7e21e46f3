import type { ParsedInput, SearchResult } from '../../contract';
import type { ServiceContext } from './context';

/** The header's search: people, groups and leaders by name, a few of each. */
export function searchService({ repos }: ServiceContext) {
  return {
    find: (input: ParsedInput<'search.find'>): SearchResult => repos.search.find(input.term),
  };
}
