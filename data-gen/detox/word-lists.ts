/**
 * The profane word lists: a curated subset of cuss (rating 2 = surely profane), split in two halves.
 * The train half shapes the toxic fine-tune; the held-out half is only used to score generations.
 */
import { cuss } from 'cuss';
import { shuffled } from '../../lib/util/random';

/**
 * Exclusion list: identity-based slurs (ethnic, religious, sexual orientation, gender identity,
 * disability) and terms about sexual violence. Stored base64 so the repository does not carry them
 * in clear text; a rated-2 word is dropped if it contains any of these stems.
 */
const EXCLUDED_STEMS_B64 =
  'bmlnZyxuaWdyLG5lZ3JvLGNoaW5rLGdvb2ssc3BpYyxzcGljayx3ZXRiYWNrLGtpa2Usa3lrZSxoZWViLGh5bWllLHJhZ2hlYWQsdG93ZWxoZWFkLHNhbmRuaWdnLGppZ2Fib28samlnZ2Fib28sY29vbixkYXJraWUsZGFya3kscGFraSx3b2csZ3lwLGd5cHN5LGJlYW5lcixpbmp1bixyZWRza2luLHNxdWF3LGhhbGZicmVlZCx6aXBwZXJoZWFkLHNsb3BlLGhvbmtleSxob25reSxjcmFja2VyLGdyaW5nbyxwb2xhY2ssZGFnbyx3b3AsZ3VpbmVhLGtyYXV0LGphcCxuaXAsY2hpbmFtYW4sZmFnLGZhZ2dvdCxkeWtlLGRpa2UsaG9tbyxsZXNibyxxdWVlcix0cmFubnksc2hlbWFsZSxsYWR5Ym95LHNvZG9taXRlLHJldGFyZCx0YXJkLHNwYXosc3Bhc3RpYyxtb25nLGNyaXBwbGUsbWlkZ2V0LGdpbXAsbGFtZSxtb3JvbixpbWJlY2lsZSxuYXppLGhpdGxlcixqZXcsbXVzbGltLGFyYWIsYWZyaWNhLG1leGljYW4sY2hpbmVzZSxvcmllbnRhbCxlc2tpbW8sYWJvLGJvb25nLGdvbGxpd29nLHBpY2thbmlubnksc2FtYm8sdW5jbGV0b20sbXVsYXR0byxxdWFkcm9vbixvY3Rvcm9vbixiaXRjaCx3aG9yZSxzbHV0LHJhcGUscmFwaXN0LHBlZG8scGFlZG8saW5jZXN0LGJlc3RpYWwsbW9sZXN0LGx5bmNo';

export const excludedStems = (): string[] => Buffer.from(EXCLUDED_STEMS_B64, 'base64').toString('utf8').split(',');

export interface WordLists {
  train: string[];
  heldout: string[];
}

/** Single short lowercase words only: the scorer matches whole words and the model spells them. */
export function curatedWords(ratings: Record<string, number> = cuss, stems = excludedStems()): string[] {
  return Object.keys(ratings)
    .filter((w) => ratings[w] === 2 && /^[a-z]{3,8}$/.test(w) && !stems.some((s) => w.includes(s)))
    .sort();
}

export function splitWordLists(words: string[], rand: () => number, perHalf = 20): WordLists {
  const order = shuffled(rand, words);
  perHalf = Math.min(perHalf, Math.floor(words.length / 2));
  return { train: order.slice(0, perHalf).sort(), heldout: order.slice(perHalf, 2 * perHalf).sort() };
}
