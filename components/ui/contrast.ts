/**
 * WCAG 2.x contrast arithmetic, for text laid on a colour chosen at run time
 * (a heatmap cell): pick whichever ink reads better on that background.
 */

export type Rgb = readonly [number, number, number];

/** HSL (degrees, percent, percent) to sRGB 0..255, the CSS Color 4 formula. */
export function hslToRgb(h: number, s: number, l: number): Rgb {
  const sat = s / 100;
  const light = l / 100;
  const k = (n: number) => (n + h / 30) % 12;
  const a = sat * Math.min(light, 1 - light);
  const f = (n: number) => light - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

export function hexToRgb(hex: string): Rgb {
  const h = hex.replace("#", "");
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** Relative luminance, WCAG 2.2 definition. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const DARK_INK = "#0f172a";
export const LIGHT_INK = "#ffffff";

/** The ink (dark slate or white) with the higher contrast on `background`. */
export function inkOn(background: Rgb): typeof DARK_INK | typeof LIGHT_INK {
  return contrastRatio(background, hexToRgb(DARK_INK)) >= contrastRatio(background, hexToRgb(LIGHT_INK)) ? DARK_INK : LIGHT_INK;
}

/** The contrast the better ink reaches on `background`. Mid-luminance colours reach under 4.5:1 with either. */
export function bestInkContrast(background: Rgb): number {
  return contrastRatio(background, hexToRgb(inkOn(background)));
}
