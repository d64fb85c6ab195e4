/**
 * G.711 (ITU-T, 1988) expansion to 16-bit linear: the µ-law and A-law that
 * telephone systems record in. Tables of 256, built once from the standard's
 * formulas.
 */
function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign ? -magnitude : magnitude;
}

function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const sign = a & 0x80;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return sign ? magnitude : -magnitude;
}

export const ULAW_TABLE = Int16Array.from({ length: 256 }, (_, b) => ulawToLinear(b));
export const ALAW_TABLE = Int16Array.from({ length: 256 }, (_, b) => alawToLinear(b));
