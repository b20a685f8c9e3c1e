/**
 * The schema every lesson passes before it is played or graded: built-in lessons in the tests,
 * files and links from teachers alike. Sizes are capped like scenarios'; every text is checked
 * for raw HTML, which the lesson format does not allow.
 */
import { z } from 'zod';
import { RecordType } from '../engine/dns.ts';
import { DropReason } from '../engine/vocabulary.ts';
import { plainIssue } from '../scenario/plainIssue.ts';
import {
  probeSchema,
  scenarioSchema,
  toSchemaIssues,
  type SchemaIssue,
} from '../scenario/schema.ts';
import { findRawHtml } from './lessonText.ts';
import {
  DNS_ANSWER_KINDS,
  LESSON_LEVELS,
  LESSON_OBJECT_KINDS,
  PREDICTION_FACTS,
  type Lesson,
} from './lessonTypes.ts';

export const LESSON_LIMITS = {
  steps: 40,
  choices: 8,
  checks: 20,
  text: 4_000,
  short: 300,
  sources: 20,
} as const;

const safeText = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const html = findRawHtml(value);
      if (html)
        ctx.addIssue({
          code: 'custom',
          message: `has raw HTML (${html.slice(0, 40)}); lesson text is Markdown without HTML`,
        });
    });
const short = safeText(LESSON_LIMITS.short).min(1, 'must not be empty');
const podName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9][-a-z0-9.]*\/[a-z0-9][-a-z0-9.]*$/, 'must be namespace/name');
const port = z.number().int().min(1).max(65535);
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
const values = <T extends string>(o: Readonly<Record<string, T>>) =>
  Object.values(o) as [T, ...T[]];

const choice = z.object({ value: z.string().min(1).max(200), label: short });
const predictionBase = {
  question: short,
  choices: z.array(choice).min(2, 'needs at least two choices').max(LESSON_LIMITS.choices),
  explanation: safeText(LESSON_LIMITS.text).optional(),
};
const prediction = z
  .discriminatedUnion('fact', [
    z.object({
      ...predictionBase,
      fact: z.enum(PREDICTION_FACTS.filter((f) => f !== 'reach' && f !== 'dns-answer')),
      probe: probeSchema,
    }),
    z.object({
      ...predictionBase,
      fact: z.literal('reach'),
      from: podName,
      to: podName,
      port,
      protocol: protocol.optional(),
      probe: probeSchema.optional(),
    }),
    z.object({
      ...predictionBase,
      fact: z.literal('dns-answer'),
      from: podName,
      name: z.string().min(1).max(253),
      probe: probeSchema.optional(),
    }),
    z.object({
      ...predictionBase,
      fact: z.literal('fixed'),
      answer: z.string().min(1).max(200),
      probe: probeSchema.optional(),
    }),
  ])
  .refine(
    (p) =>
      p.fact === 'fixed'
        ? p.choices.some((c) => c.value === p.answer)
        : new Set(p.choices.map((c) => c.value)).size === p.choices.length,
    { message: 'the answer must be one of the choices, and choices must differ' },
  );

const check = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('flow'),
    text: short,
    probe: probeSchema,
    expect: z.object({
      verdict: z.enum(['Delivered', 'Dropped']),
      reason: z.enum(values(DropReason)).optional(),
      deliveredTo: podName.optional(),
      seenSource: z.string().min(1).max(253).optional(),
    }),
  }),
  z.object({
    kind: z.literal('reach'),
    text: short,
    from: podName,
    to: podName,
    port,
    protocol: protocol.optional(),
    allowed: z.boolean(),
  }),
  z.object({
    kind: z.literal('dns'),
    text: short,
    from: podName,
    name: z.string().min(1).max(253),
    type: z.enum(values(RecordType)).optional(),
    rcode: z.enum(['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'FORWARDED']),
    answers: z.enum(DNS_ANSWER_KINDS).optional(),
  }),
  z.object({
    kind: z.literal('env'),
    text: short,
    pod: podName,
    name: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name'),
    present: z.boolean(),
  }),
  z.object({
    kind: z.literal('object'),
    text: short,
    object: z.enum(LESSON_OBJECT_KINDS),
    namespace: z.string().max(253).optional(),
    name: z.string().max(253).optional(),
    path: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be a dotted path such as cni.plugin')
      .optional(),
    equals: z.union([z.string().max(253), z.number(), z.boolean()]).optional(),
  }),
]);

const action = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('send'), probe: probeSchema }),
  z.object({ kind: z.literal('open-policies') }),
  z.object({
    kind: z.literal('open-hop'),
    probe: probeSchema,
    hop: z.number().int().min(0).max(500),
  }),
]);

const step = z.object({
  title: short,
  text: safeText(LESSON_LIMITS.text),
  action: action.optional(),
  prediction: prediction.optional(),
  challenge: z
    .object({
      goal: safeText(LESSON_LIMITS.text).min(1),
      checks: z.array(check).min(1).max(LESSON_LIMITS.checks),
    })
    .optional(),
});

export const lessonSchema = z.object({
  id: z
    .string()
    .max(64)
    .regex(/^[a-z0-9][-a-z0-9]*$/, 'must be lower-case letters, digits and "-"'),
  title: short,
  topic: short,
  level: z.enum(LESSON_LEVELS),
  minutes: z.number().int().min(1).max(120),
  summary: safeText(LESSON_LIMITS.text),
  start: scenarioSchema,
  solution: scenarioSchema.optional(),
  steps: z.array(step).min(1, 'a lesson needs at least one step').max(LESSON_LIMITS.steps),
  sources: z.array(z.string().max(500)).max(LESSON_LIMITS.sources).optional(),
});

/** Validates an unknown value as a lesson; the messages name the field that is wrong. */
export function validateLesson(
  value: unknown,
): { ok: true; lesson: Lesson } | { ok: false; issues: SchemaIssue[] } {
  const result = lessonSchema.safeParse(value, { error: plainIssue });
  if (result.success) {
    // The schema's output is a Lesson: the compiler checks it here, without a cast.
    const lesson: Lesson = result.data;
    return { ok: true, lesson };
  }
  return { ok: false, issues: toSchemaIssues(result.error.issues) };
}
