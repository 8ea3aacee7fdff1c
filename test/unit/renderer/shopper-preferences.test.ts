import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, PREFERENCES_KEY, readPreferences, writePreferences } from '../../../renderer/src/preferences/shopper-preferences.ts';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

describe('the shopper’s preferences for the visit', () => {
  it('reads back what was written, so a reload of the screen keeps them', () => {
    const storage = new MemoryStorage();
    const chosen = { language: 'de', largeText: true, highContrast: true, muted: false } as const;
    writePreferences(storage, chosen);
    expect(readPreferences(storage)).toEqual(chosen);
  });

  it('stores nothing for the defaults, so the next shopper starts clean', () => {
    const storage = new MemoryStorage();
    writePreferences(storage, { ...DEFAULT_PREFERENCES, muted: true });
    writePreferences(storage, DEFAULT_PREFERENCES);
    expect(storage.items.size).toBe(0);
    expect(readPreferences(storage)).toEqual(DEFAULT_PREFERENCES);
  });

  it('falls back to the defaults for anything unreadable or unknown', () => {
    const storage = new MemoryStorage();
    for (const raw of ['not json', '{"language":"fr","largeText":false,"highContrast":false,"muted":false}', '{"language":"es"}', '[]']) {
      storage.setItem(PREFERENCES_KEY, raw);
      expect(readPreferences(storage), raw).toEqual(DEFAULT_PREFERENCES);
    }
    expect(readPreferences(null)).toEqual(DEFAULT_PREFERENCES);
  });
});
