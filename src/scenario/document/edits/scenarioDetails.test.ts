import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../builtins/defaultScenario.ts';
import { LIMITS, validateScenario } from '../../schema.ts';
import { checkScenarioDetails, setScenarioDetails } from './scenarioDetails.ts';

describe('scenario title and description', () => {
  it('sets both, trimmed, and the result is a scenario the schema accepts', () => {
    const { document } = setScenarioDetails(defaultScenario, {
      title: '  Week 3: Services  ',
      description: ' How a ClusterIP reaches a pod. ',
    });
    expect(document.title).toBe('Week 3: Services');
    expect(document.description).toBe('How a ClusterIP reaches a pod.');
    expect(document.cluster).toBe(defaultScenario.cluster);
    expect(validateScenario(document).ok).toBe(true);
  });

  it('leaves an emptied description out of the document', () => {
    const described = setScenarioDetails(defaultScenario, { title: 'T', description: 'D' });
    const { document } = setScenarioDetails(described.document, { title: 'T', description: '  ' });
    expect('description' in document).toBe(false);
  });

  it('gives back the same document when nothing changed, so no undo step is recorded', () => {
    const doc = setScenarioDetails(defaultScenario, { title: 'T', description: 'D' }).document;
    expect(setScenarioDetails(doc, { title: ' T', description: 'D ' }).document).toBe(doc);
  });

  it.each([
    [{ title: '   ', description: '' }, 'The title cannot be empty.'],
    [
      { title: 'x'.repeat(LIMITS.title + 1), description: '' },
      `The title has ${LIMITS.title + 1} characters; at most ${LIMITS.title} are kept.`,
    ],
    [
      { title: 'T', description: 'd'.repeat(LIMITS.description + 5) },
      `The description has ${LIMITS.description + 5} characters; at most ${LIMITS.description} are kept.`,
    ],
  ])('says what is wrong with %j and refuses it', (details, message) => {
    expect(checkScenarioDetails(details)).toBe(message);
    expect(() => setScenarioDetails(defaultScenario, details)).toThrow(message);
  });

  it('accepts the longest title and description a saved scenario may have', () => {
    const details = {
      title: 'x'.repeat(LIMITS.title),
      description: 'd'.repeat(LIMITS.description),
    };
    expect(checkScenarioDetails(details)).toBeNull();
    expect(validateScenario(setScenarioDetails(defaultScenario, details).document).ok).toBe(true);
  });
});
