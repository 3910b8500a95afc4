import { searchEarly, searchWithEpicTypes } from './epic-types';

describe('searching with remembered epic types', () => {
  it('takes the early search when Jira has the same types, in any order, and searches nothing more', async () => {
    const searched: string[][] = [];
    const search = async (ids: readonly string[]) => (searched.push([...ids]), `found with ${ids.join()}`);
    const remembered: string[][] = [];
    const early = searchEarly(['10007', '10000'], search);
    expect(await searchWithEpicTypes(early, ['10000', '10007'], search, async (ids) => remembered.push(ids))).toBe('found with 10007,10000');
    expect(searched).toEqual([['10007', '10000']]);
    expect(remembered).toEqual([]);
  });

  it('searches again with Jira\'s types and remembers them when they changed; the early failure does not count', async () => {
    const search = async (ids: readonly string[]) => {
      if (ids.includes('10009')) throw new Error('issue type 10009 does not exist');
      return ids.join();
    };
    const remembered: string[][] = [];
    const early = searchEarly(['10009'], search);
    expect(await searchWithEpicTypes(early, ['10000'], search, async (ids) => remembered.push(ids))).toBe('10000');
    expect(remembered).toEqual([['10000']]);
  });

  it('without remembered types there is no early search; a failure to remember is only logged', async () => {
    expect(searchEarly(null, async () => 'x')).toBeUndefined();
    expect(searchEarly([], async () => 'x')).toBeUndefined();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(await searchWithEpicTypes(undefined, ['10000'], async () => 'rows', async () => Promise.reject(new Error('storage down')))).toBe('rows');
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('an early search that failed with Jira\'s own types fails the call', async () => {
    const early = searchEarly(['10000'], async () => Promise.reject(new Error('Jira answered 500')));
    await expect(searchWithEpicTypes(early, ['10000'], async () => 'never', async () => undefined)).rejects.toThrow('Jira answered 500');
  });
});
