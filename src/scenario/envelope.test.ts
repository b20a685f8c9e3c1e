import { describe, expect, it } from 'vitest';
import { defaultScenario } from './builtins/defaultScenario.ts';
import { CURRENT_VERSION, restoreEnvelope, restoreFromJson, wrapScenario } from './envelope.ts';
import goldenV1 from './fixtures/envelope-v1.json' with { type: 'json' };

describe('scenario envelope', () => {
  it('restores what it wraps', () => {
    const back = restoreEnvelope(
      JSON.parse(JSON.stringify(wrapScenario(defaultScenario, { hop: 1 }))),
    );
    expect(back).toEqual({ ok: true, scenario: defaultScenario, view: { hop: 1 } });
  });

  it('reads the golden version-1 file forever', () => {
    const back = restoreEnvelope(goldenV1);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.scenario).toEqual(goldenV1.scenario);
    expect(back.view).toEqual({ hop: 2 });
  });

  it.each([
    [null, 'not a PodPath scenario'],
    [[], 'not a PodPath scenario'],
    [{ format: 'other' }, 'not a PodPath scenario'],
    [{ format: 'podpath-scenario' }, 'no valid version'],
    [{ format: 'podpath-scenario', version: CURRENT_VERSION + 1, scenario: {} }, 'newer PodPath'],
    [{ format: 'podpath-scenario', version: 1, scenario: { title: 'x' } }, 'not valid'],
  ])('rejects %j with a clear message', (input, words) => {
    const back = restoreEnvelope(input);
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.message).toContain(words);
  });

  it('names the field that is wrong', () => {
    const bad = wrapScenario({
      ...defaultScenario,
      cluster: {
        ...defaultScenario.cluster,
        services: [{ ...defaultScenario.cluster.services[0], ports: [{ port: 70000 }] }],
      },
    });
    const back = restoreEnvelope(JSON.parse(JSON.stringify(bad)));
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.message).toContain('cluster.services.0.ports.0.port');
  });

  it('explains malformed and oversized JSON files', () => {
    const broken = restoreFromJson('{"format": "podpath-scenario", ');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.message).toContain('not valid JSON');
    const huge = restoreFromJson(' '.repeat(100), 50);
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.message).toContain('too large');
  });
});
