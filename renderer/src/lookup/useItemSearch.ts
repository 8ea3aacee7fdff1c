import { useEffect, useState } from 'react';
import type { LookupCategories, LookupItem } from '../../../common/lookup.ts';
import { useTerminalCommand } from '../api/hooks.ts';

/** Keystrokes closer together than this are one search: typing "banana" asks main once or twice, not six times. */
const TYPING_PAUSE_MS = 120;

export interface ItemSearch {
  readonly items: readonly LookupItem[];
  readonly more: boolean;
  /** A search for the current text or category is under way. */
  readonly searching: boolean;
}

const NOTHING: ItemSearch = { items: [], more: false, searching: false };

/**
 * The item lookup as the screens use it: main searches its catalog and answers a page of items;
 * an answer to an older query that arrives after a newer one is dropped.
 */
export function useItemSearch(query: { text: string; category: string | null; language: string; scope: 'picker' | 'catalog'; limit: number }): ItemSearch {
  const run = useTerminalCommand({ quiet: true });
  const [search, setSearch] = useState<ItemSearch>(NOTHING);
  const { text, category, language, scope, limit } = query;
  const asked = text.trim() !== '' || category !== null;

  useEffect(() => {
    if (!asked) return;
    let current = true;
    const timer = setTimeout(() => {
      setSearch((before) => ({ ...before, searching: true }));
      void run('catalog.search', { text, ...(category === null ? {} : { category }), language, scope, limit }).then((result) => {
        if (!current) return;
        setSearch(result.ok ? { items: result.value.items, more: result.value.more, searching: false } : NOTHING);
      });
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [asked, text, category, language, scope, limit, run]);

  return asked ? search : NOTHING;
}

/** The picker's category tiles, in the shopper's language. */
export function useLookupCategories(language: string): LookupCategories['categories'] | null {
  const run = useTerminalCommand({ quiet: true });
  const [categories, setCategories] = useState<LookupCategories['categories'] | null>(null);
  useEffect(() => {
    let current = true;
    void run('catalog.categories', { language }).then((result) => {
      if (current && result.ok) setCategories(result.value.categories);
    });
    return () => {
      current = false;
    };
  }, [language, run]);
  return categories;
}

/** Where the screens load a catalog picture from (served by the host and by the app protocol). */
export function catalogImageUrl(image: string): string {
  return `catalog-images/${encodeURIComponent(image)}`;
}
