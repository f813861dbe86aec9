/**
 * The style vocabulary of the style demo. Each style changes ONE attribute of the SVG, so a
 * combination is well defined (and rendered as ground truth for evaluation only).
 * Pure data: imported by the page (names, colours) and by the Node renderer.
 */
export const STYLE_NAMES = ['red', 'bold', 'night', 'dashed'] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

export const STYLE_TITLES: Record<StyleName, string> = {
  red: 'Red ink',
  bold: 'Bold stroke',
  night: 'Night',
  dashed: 'Dashed',
};

export interface RenderAttrs {
  ink: string;
  background: string;
  /** In the 24-unit tabler viewBox; 2.25 is 1.5 px at 16 px; bold is 2.5 px. */
  strokeWidth: number;
  dash: string | null;
}

export const PLAIN: RenderAttrs = { ink: '#111111', background: '#ffffff', strokeWidth: 2.25, dash: null };

/** Applies styles in a fixed order; ink colour rules compose (red on night stays red, slightly lighter). */
export function attrsFor(styles: readonly StyleName[]): RenderAttrs {
  const a: RenderAttrs = { ...PLAIN };
  const has = (s: StyleName) => styles.includes(s);
  if (has('night')) {
    a.background = '#14215a';
    a.ink = '#f2f2e6';
  }
  if (has('red')) a.ink = has('night') ? '#ff3b30' : '#d41a1a';
  if (has('bold')) a.strokeWidth = 3.75;
  if (has('dashed')) a.dash = has('bold') ? '6 6' : '3.5 3.5';
  return a;
}
