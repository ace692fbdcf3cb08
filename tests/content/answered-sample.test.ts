import { describe, expect, test } from 'vitest';
import { createLogger } from '../../src/logging/index.js';
import { createTurnRecorder, type KeptQuestion } from '../../src/records/index.js';

function recorderWith(rate: number, draw: number) {
  const kept: KeptQuestion[] = [];
  const recorder = createTurnRecorder({
    queue: { add: (question) => void (question === undefined ? undefined : kept.push(question)) },
    logger: createLogger('silent'),
    timeZone: 'Europe/Stockholm',
    answeredSampleRate: rate,
    random: () => draw,
  });
  return { recorder, kept };
}

const answered = (text: string, via: 'question' | 'click' = 'question') =>
  ({ kind: 'answer', entryId: 'invoices', via, confidence: 0.71, at: new Date('2026-12-01T10:00:00Z'), channel: 'webchat', lang: 'sv', text }) as const;

describe('a sample of answered questions is kept', () => {
  test('when the draw falls under the sample rate, the answered question is kept scrubbed, with its entry and confidence', () => {
    const { recorder, kept } = recorderWith(0.25, 0.2);
    recorder.record(answered('betalar ni fakturor, mitt nummer är 070-123 45 67'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ decision: 'answered', candidateIds: ['invoices'], confidence: 0.71 });
    expect(kept[0]?.text).toContain('[telefon]');
    expect(kept[0]?.text).not.toMatch(/070/);
  });

  test('when the draw is above the rate, or the rate is 0, or the answer came from a click, nothing is kept', () => {
    const above = recorderWith(0.25, 0.3);
    above.recorder.record(answered('betalar ni fakturor'));
    const off = recorderWith(0, 0);
    off.recorder.record(answered('betalar ni fakturor'));
    const click = recorderWith(1, 0);
    click.recorder.record(answered('Fakturor', 'click'));
    expect([above.kept, off.kept, click.kept]).toEqual([[], [], []]);
  });
});
