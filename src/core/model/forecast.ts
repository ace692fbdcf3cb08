/**
 * How many residents' questions a corpus will answer right, forecast from its held-out share.
 *
 * The held-out share (weakness.ts) is read on the corpus's own phrasings and their resident-style
 * variants, each asked of a model that never saw it. Those are harder than what residents write (a
 * held-out phrasing loses its own wording, and a variant is typed in a hurry as well), so the share is a
 * floor, twenty to forty points below what residents get. Told only that floor, an editor would think a
 * sound corpus broken. Across incidents whose corpus and residents' messages were written apart, the two
 * rise together along a straight line, and that line is what turns the floor into a forecast.
 *
 * The line is measured, not guessed: `npm run eval -- --incidents --forecast` fits it on our own
 * incidents (eval/incidents/: each page written first, the corpus by one person from the page, the
 * messages by another from the page only) and prints each incident's forecast with that incident left out
 * of the fit, and the forecast for incident-dev, which the fit never sees. Refit when training changes.
 */

/** A forecast share of residents' in-scope questions answered with the right entry (0–1), and its range. */
export interface AnsweredForecast {
  readonly right: number;
  /** The range the measured incidents fell in around the line (each left out of the fit in turn). */
  readonly low: number;
  readonly high: number;
}

/** The measured line: residents' share answered right ≈ intercept + slope × held-out share. */
export interface ForecastLine {
  readonly intercept: number;
  readonly slope: number;
  /** The largest miss of a left-out incident's forecast, as a share: the half-width of the range. */
  readonly spread: number;
  /**
   * The lowest held-out share the line was measured at. Below it the line is not followed to its
   * intercept (a corpus whose held-out questions are never answered would be forecast half its residents'):
   * the forecast falls in proportion, to none at none.
   */
  readonly measuredFrom: number;
  /**
   * The forecast never says more than this: no corpus of ours, not even one of 220 phrasings an entry,
   * has answered more of its residents' questions right (92.8 %), since some are always worded past it.
   * A tiny corpus whose few held-out questions are all answered would otherwise be forecast 100 %.
   */
  readonly atMost: number;
}

/**
 * Fitted by `npm run eval -- --incidents --forecast --seeds 3` on round 9's engine (five incidents of our
 * own, three seeds each: 0.468 + 0.672 × held-out). Each incident left out of the fit was forecast within
 * 5.7–7.6 points but one, 13.3 points low; incident-dev, never fitted on, within 1.4; faq-data/, of about
 * 220 phrasings an entry where the editors' corpora have 12, within 2.3 (held-out 65 %, residents 92.8 %).
 * The range is ±10 points: "likely", not certain. See docs/matching.md, "The forecast for editors".
 */
export const FORECAST_LINE: ForecastLine = Object.freeze({ intercept: 0.47, slope: 0.67, spread: 0.1, measuredFrom: 0.2, atMost: 0.95 });

const clamp = (x: number) => Math.min(1, Math.max(0, x));

export function forecastAnswered(heldOutRight: number, line: ForecastLine = FORECAST_LINE): AnsweredForecast {
  const h = clamp(heldOutRight);
  const onLine = (x: number) => Math.min(line.atMost, clamp(line.intercept + line.slope * x));
  const right = h >= line.measuredFrom || line.measuredFrom <= 0 ? onLine(h) : (onLine(line.measuredFrom) * h) / line.measuredFrom;
  const spread = h >= line.measuredFrom || line.measuredFrom <= 0 ? line.spread : (line.spread * h) / line.measuredFrom;
  return { right, low: clamp(right - spread), high: clamp(right + spread) };
}

/** The least-squares line through (held-out share, residents' share) points: what the eval script fits. */
export function fitForecastLine(points: readonly { readonly heldOut: number; readonly residents: number }[]): Pick<ForecastLine, 'intercept' | 'slope'> {
  const n = points.length;
  if (n === 0) return { intercept: 0, slope: 1 };
  const mx = points.reduce((s, p) => s + p.heldOut, 0) / n;
  const my = points.reduce((s, p) => s + p.residents, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.heldOut - mx) * (p.residents - my);
    sxx += (p.heldOut - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope };
}
