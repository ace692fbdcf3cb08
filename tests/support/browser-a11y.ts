/**
 * What the browser tests ask of a page's accessibility, in one place: axe-core's violations, and the
 * keyboard (Tab to an element, which element has focus).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { z } from 'zod';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const violationsSchema = z.array(
  z.object({ id: z.string(), impact: z.string().nullable().optional(), help: z.string(), nodes: z.array(z.object({ target: z.array(z.unknown()) })) }),
);

export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  /** The elements, as axe names them. */
  readonly targets: string;
}

/** Every axe-core violation in a page or frame (axe is loaded into it when it is not there yet). */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  if ((await target.evaluate('typeof window.axe')) === 'undefined') await target.evaluate(AXE_SOURCE);
  const raw: unknown = await target.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)");
  return violationsSchema.parse(raw).map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)).join(', ') }));
}

/** Serious and critical violations, as "rule: help (elements)". */
export async function seriousViolations(target: Page | Frame): Promise<string[]> {
  return (await axeViolations(target)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.targets})`);
}

/** Presses Tab until `selector` has focus (keyboard only), at most `max` times. */
export async function tabTo(p: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await p.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) === true) return;
    await p.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The id of the element that has focus ("" when none has one). */
export const focusedId = (p: Page): Promise<string> => p.evaluate('document.activeElement?.id ?? ""');
