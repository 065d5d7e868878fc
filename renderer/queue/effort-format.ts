/** How effort figures are written, in the reader's language (Intl throughout). */
export interface EffortFormat {
  count: (n: number) => string;
  /** Three decimals: HTER is a rate between 0 and 1. */
  hter: (h: number) => string;
  /** Whole words per hour. */
  rate: (n: number) => string;
  /** "1 hr, 5 min", "3 min, 20 sec", "12 sec" as the language writes them. */
  duration: (ms: number) => string;
}

export function effortFormat(language: string): EffortFormat {
  const count = new Intl.NumberFormat(language);
  const hter = new Intl.NumberFormat(language, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const rate = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const unit = (u: 'hour' | 'minute' | 'second') => new Intl.NumberFormat(language, { style: 'unit', unit: u, unitDisplay: 'short' });
  const hours = unit('hour');
  const minutes = unit('minute');
  const seconds = unit('second');
  const list = new Intl.ListFormat(language, { type: 'unit', style: 'short' });
  return {
    count: (n) => count.format(n),
    hter: (h) => hter.format(h),
    rate: (n) => rate.format(n),
    duration: (ms) => {
      const s = Math.round(ms / 1000);
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      if (h > 0) return list.format([hours.format(h), minutes.format(m)]);
      if (m > 0) return list.format([minutes.format(m), seconds.format(s % 60)]);
      return seconds.format(s);
    },
  };
}
