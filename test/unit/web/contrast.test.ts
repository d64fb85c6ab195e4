import { describe, expect, it } from "vitest";
import { contrastRatio, hexToRgb, hslToRgb, inkOn, luminance } from "@/components/ui/contrast";
import { heatmapColor, heatmapInk } from "@/components/trends/heatmap-model";

describe("contrast arithmetic", () => {
  it("converts HSL as CSS does", () => {
    // hsl(217 91% 46%): C = 0.91 * (1 - |2*0.46 - 1|) = 0.8372, X = C * (1 - |217/60 mod 2 - 1|) = 0.3209, m = 0.46 - C/2 = 0.0414
    // hue 180..240: (0, X, C) + m = (0.0414, 0.3623, 0.8786) -> (11, 92, 224)
    expect(hslToRgb(217, 91, 46)).toEqual([11, 92, 224]);
    expect(hslToRgb(0, 100, 50)).toEqual([255, 0, 0]);
    expect(hslToRgb(120, 0, 100)).toEqual([255, 255, 255]);
  });

  it("gives WCAG's ratios: 21 for black on white, 4.48 for #777 on white", () => {
    expect(luminance([255, 255, 255])).toBeCloseTo(1, 6);
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 6);
    // #777: 0x77/255 = 0.4667 -> ((0.4667 + 0.055) / 1.055)^2.4 = 0.1845; (1.05) / (0.2345) = 4.48
    expect(contrastRatio(hexToRgb("#777777"), [255, 255, 255])).toBeCloseTo(4.48, 2);
  });

  it("picks white ink on dark blue and dark ink on pale blue", () => {
    expect(inkOn([11, 92, 224])).toBe("#ffffff");
    expect(inkOn([236, 243, 254])).toBe("#0f172a");
  });
});

describe("heatmap cell text", () => {
  const parse = (hsl: string) => {
    const m = /^hsl\((\d+) (\d+)% (\d+)%\)$/.exec(hsl);
    if (!m) throw new Error(`not hsl: ${hsl}`);
    return hslToRgb(Number(m[1]), Number(m[2]), Number(m[3]));
  };
  it.each(["volume", "sl"] as const)("reaches 4.5:1 on every %s cell colour", (metric) => {
    for (let i = 0; i <= 100; i += 1) {
      const bg = parse(heatmapColor(metric, i / 100) ?? "");
      const ink = heatmapInk(metric, i / 100) ?? "";
      expect(contrastRatio(bg, hexToRgb(ink)), `${metric} at ${i}%`).toBeGreaterThanOrEqual(4.5);
    }
  });
  it("steps a mid-blue out of the band no ink can read on", () => {
    // 96 - 0.8 * 50 = 56% lightness: luminance 0.203, where dark ink gives about 4.3:1 and white 4.2:1.
    expect(heatmapColor("volume", 0.8)).toBe("hsl(217 91% 53%)");
    expect(heatmapInk("volume", 0.8)).toBe("#ffffff");
  });
});
