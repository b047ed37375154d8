/**
 * Value parsers that reproduce the server's C helpers bit for bit
 * (string2ll, memtoull, strtoll, strtol, string2d), using BigInt for 64-bit maths.
 */

const U64 = 1n << 64n;
export const LLONG_MAX = (1n << 63n) - 1n;
export const LLONG_MIN = -(1n << 63n);
export const ULLONG_MAX = U64 - 1n;

/** Wraps a mathematical integer into a C `long long` (two's complement). */
export function toLongLong(v: bigint): bigint {
  const u = ((v % U64) + U64) % U64;
  return u > LLONG_MAX ? u - U64 : u;
}

/** Reinterprets a `long long` as `unsigned long long`. */
export function toULongLong(v: bigint): bigint {
  return ((v % U64) + U64) % U64;
}

/** string2ll: strict decimal, optional '-', no '+', no leading zeros, no blanks, fits in long long. */
export function string2ll(s: string): bigint | null {
  if (s.length === 0 || s.length >= 21) return null;
  if (s === '0') return 0n;
  if (!/^-?[1-9][0-9]*$/.test(s)) return null;
  const v = BigInt(s);
  if (v > LLONG_MAX || v < LLONG_MIN) return null;
  return v;
}

const C_SPACE = /^[ \t\n\v\f\r]*/;

/**
 * strtoll(s, &end, base) followed by a check that the whole string was used:
 * leading blanks and a sign are accepted, an empty string parses as 0.
 * Returns the clamped value and whether errno would be ERANGE.
 */
export function strtollWhole(s: string, base: 8 | 10): { value: bigint; whole: boolean; overflow: boolean } {
  const lead = C_SPACE.exec(s)![0].length;
  let i = lead;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') { neg = s[i] === '-'; i++; }
  const digitRe = base === 8 ? /[0-7]/ : /[0-9]/;
  const startDigits = i;
  while (i < s.length && digitRe.test(s[i])) i++;
  if (i === startDigits) {
    // no conversion: end pointer is the start of the string
    return { value: 0n, whole: s.length === 0, overflow: false };
  }
  let v = BigInt((base === 8 ? '0o' : '') + s.slice(startDigits, i));
  if (neg) v = -v;
  let overflow = false;
  if (v > LLONG_MAX) { v = LLONG_MAX; overflow = true; }
  if (v < LLONG_MIN) { v = LLONG_MIN; overflow = true; }
  return { value: v, whole: i === s.length, overflow };
}

const MEMORY_UNITS: Record<string, bigint> = {
  '': 1n, b: 1n, k: 1000n, kb: 1024n, m: 1000n * 1000n, mb: 1024n * 1024n, g: 1000n ** 3n, gb: 1024n ** 3n,
};

export const MEMORY_UNIT_NAMES = ['b', 'k', 'kb', 'm', 'mb', 'g', 'gb'];

/** memtoull: digits then an optional unit; returns the unsigned 64-bit result or null. */
export function memtoull(s: string, overflow: 'saturate' | 'refuse' = 'saturate'): bigint | null {
  if (s.startsWith('-')) return null;
  const m = /^([0-9]*)(.*)$/s.exec(s)!;
  const mul = MEMORY_UNITS[m[2].toLowerCase()];
  if (mul === undefined || !/^[a-zA-Z]*$/.test(m[2])) return null;
  if (m[1].length >= 128) return null;
  let v = m[1] === '' ? 0n : BigInt(m[1]);
  // strtoull saturates; most servers do not check ERANGE here, Valkey 9.1 does (catalog: memoryOverflow)
  if (v > ULLONG_MAX) { if (overflow === 'refuse') return null; v = ULLONG_MAX; }
  return (v * mul) % U64;
}

/**
 * string2d: the whole string as a double, no leading blank, no NaN, no overflow. `parser` is the
 * target's (catalog: floatParser): C's strtod also reads hex floats, fast_float does not.
 */
export function string2d(s: string, parser: 'strtod' | 'fast-float' = 'strtod'): number | null {
  if (s.length === 0 || /^[ \t\n\v\f\r]/.test(s)) return null;
  if (parser === 'fast-float' && /^[+-]?0[xX]/.test(s)) return null;
  const m = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?)$/i.exec(s);
  if (!m) return null;
  const t = s.toLowerCase();
  let v: number;
  if (t.includes('inf')) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?0x/.test(t)) {
    const neg = t.startsWith('-');
    const body = t.replace(/^[+-]?0x/, '');
    const [mant, exp] = body.split('p');
    const [ip, fp = ''] = mant.split('.');
    v = parseInt(ip || '0', 16) + (fp ? parseInt(fp, 16) / 16 ** fp.length : 0);
    if (exp) v *= 2 ** Number(exp);
    if (neg) v = -v;
  } else {
    v = Number(s);
  }
  if (!Number.isFinite(v)) return null; // ERANGE with HUGE_VAL
  if (v === 0 && /[1-9]/.test(s.replace(/[eE].*$/, ''))) return null; // underflow to zero
  return v;
}
