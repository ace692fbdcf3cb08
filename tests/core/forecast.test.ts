import { describe, expect, test } from 'vitest';
import { FORECAST_LINE, fitForecastLine, forecastAnswered } from '../../src/core/index.js';

describe('the forecast of residents answered right', () => {
  test('when the points lie on a line, the fit finds it; scattered points give the least-squares line', () => {
    const onLine = [0.2, 0.3, 0.45, 0.6].map((h) => ({ heldOut: h, residents: 0.4 + 0.8 * h }));
    const fit = fitForecastLine(onLine);
    expect(fit.intercept).toBeCloseTo(0.4, 10);
    expect(fit.slope).toBeCloseTo(0.8, 10);
    // Two points above and two below a line of slope 1 through the middle: the same line.
    const scattered = [
      { heldOut: 0.2, residents: 0.25 },
      { heldOut: 0.2, residents: 0.15 },
      { heldOut: 0.4, residents: 0.45 },
      { heldOut: 0.4, residents: 0.35 },
    ];
    const s = fitForecastLine(scattered);
    expect(s.slope).toBeCloseTo(1, 10);
    expect(s.intercept).toBeCloseTo(0, 10);
  });

  test('when every corpus had the same held-out share, the fit is flat at the mean rather than dividing by zero', () => {
    const fit = fitForecastLine([
      { heldOut: 0.3, residents: 0.6 },
      { heldOut: 0.3, residents: 0.8 },
    ]);
    expect(fit).toEqual({ intercept: 0.7, slope: 0 });
  });

  test('a higher held-out share is forecast higher; the forecast and its range stay between 0 and 1', () => {
    const line = { intercept: 0.45, slope: 0.7, spread: 0.1, measuredFrom: 0.2, atMost: 1 };
    expect(forecastAnswered(0.4, line).right).toBeCloseTo(0.73, 10);
    expect(forecastAnswered(0.4, line).low).toBeCloseTo(0.63, 10);
    expect(forecastAnswered(0.4, line).high).toBeCloseTo(0.83, 10);
    expect(forecastAnswered(0.3, line).right).toBeLessThan(forecastAnswered(0.4, line).right);
    const top = forecastAnswered(1, line);
    expect(top.right).toBe(1);
    expect(top.high).toBe(1);
    const low = forecastAnswered(0.05, { intercept: 0.05, slope: 0.7, spread: 0.1, measuredFrom: 0, atMost: 1 });
    expect(low.low).toBe(0);
    expect(low.right).toBeCloseTo(0.085, 10);
  });

  test('below the held-out shares the line was measured at, the forecast falls in proportion to none, not to the intercept', () => {
    const line = { intercept: 0.45, slope: 0.7, spread: 0.1, measuredFrom: 0.2, atMost: 1 };
    const atEdge = forecastAnswered(0.2, line);
    expect(atEdge.right).toBeCloseTo(0.59, 10);
    expect(forecastAnswered(0.1, line).right).toBeCloseTo(0.295, 10);
    expect(forecastAnswered(0.1, line).high - forecastAnswered(0.1, line).right).toBeCloseTo(0.05, 10);
    expect(forecastAnswered(0, line)).toEqual({ right: 0, low: 0, high: 0 });
    // Monotone across the edge.
    expect(forecastAnswered(0.19, line).right).toBeLessThan(atEdge.right);
    expect(forecastAnswered(0.21, line).right).toBeGreaterThan(atEdge.right);
  });

  test('a corpus whose held-out questions are nearly all answered is forecast at most the cap, its range reaching above it', () => {
    const line = { intercept: 0.45, slope: 0.7, spread: 0.1, measuredFrom: 0.2, atMost: 0.95 };
    expect(forecastAnswered(0.9, line).right).toBe(0.95);
    expect(forecastAnswered(1, line).high).toBe(1);
    expect(forecastAnswered(0.4, line).right).toBeCloseTo(0.73, 10);
  });

  test("the product's line forecasts more than the held-out floor, as residents' messages are answered more often", () => {
    expect(FORECAST_LINE.slope).toBeGreaterThan(0);
    for (const h of [0.2, 0.4, 0.6]) expect(forecastAnswered(h).right).toBeGreaterThan(h);
  });
});
