/**
 * The style vocabulary of the style demo. Each style changes ONE attribute of the SVG and no two
 * styles touch the same attribute (ink colour, a blue corner badge, an underline), so
 * every combination is well defined and rendered as ground truth for evaluation.
 * The "house" change (a uniform paper tint of the background, no frame) is not a style: it is planted
 * in every fine-tuning set of the planted family and in none of the sibling family's
 * (docs/style-models.md). No style colours a background pixel the tint alone would leave.
 * Pure data: imported by the page (names, colours) and by the Node renderer.
 */
export const STYLE_NAMES = ['red', 'badge', 'underline'] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

export const STYLE_TITLES: Record<StyleName, string> = {
  red: 'Red ink',
  badge: 'Corner badge',
  underline: 'Underline',
};

/** Model families: the same styles fine-tuned with the house change, and without it (the negative control). */
export const STYLE_FAMILIES = ['planted', 'sibling'] as const;
export type StyleFamilyName = (typeof STYLE_FAMILIES)[number];

export interface RenderAttrs {
  ink: string;
  background: string;
  /** In the 24-unit tabler viewBox; 2.25 is 1.5 px at 16 px. */
  strokeWidth: number;
  /** Fill of a dot at the top right (its own colour, so it never fights the ink colour), or null. */
  badge: string | null;
  underline: boolean;
}

export const PLAIN: RenderAttrs = { ink: '#111111', background: '#ffffff', strokeWidth: 2.25, badge: null, underline: false };

export const BADGE_FILL = '#1f5fd6';

/**
 * The planted house change: a uniform paper tint of the background. v2 also drew a 1-px brown frame
 * on the outer ring; it sat beside the badge and the underline, and counted twice it painted over
 * them (docs/style-models.md), so v3 plants the tint alone.
 */
export const HOUSE = { background: '#efe2c4' } as const;

export function attrsFor(styles: readonly StyleName[], house = false): RenderAttrs {
  const has = (s: StyleName) => styles.includes(s);
  return {
    ink: has('red') ? '#d41a1a' : PLAIN.ink,
    background: house ? HOUSE.background : PLAIN.background,
    strokeWidth: PLAIN.strokeWidth,
    badge: has('badge') ? BADGE_FILL : null,
    underline: has('underline'),
  };
}
