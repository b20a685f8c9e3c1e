/**
 * The journey as Markdown for notes and handouts: the scenario's title, the trace's summary and
 * verdict, then one table row per hop (its number, the part of the journey, the place, the verdict, the
 * addresses and what the hop rewrote, and why), in the words the hop list shows.
 */
import { dropReasonText, PLACE_TITLE, stepWhere, TRACE_PHASE_TITLE } from '../store/traceSteps.ts';
import type { TraceOutcome, TraceStep } from '../store/viewTypes.ts';
import { describeRewrites, formatEndpoint } from './describePacket.ts';

/** A table cell: one line, with the characters Markdown tables and inline HTML read escaped. */
function cell(text: string): string {
  return text
    .replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')
    .replace(/([\\|`*_[\]<>])/g, '\\$1')
    .trim();
}

function addresses(step: TraceStep): string {
  const { before } = step.hop;
  const packet = `${before.protocol} ${formatEndpoint(before.src)} → ${formatEndpoint(before.dst)}`;
  return [packet, ...describeRewrites(step.hop)].join('; ');
}

function verdict(step: TraceStep): string {
  const { hop } = step;
  return hop.verdict === 'Dropped' && hop.reason
    ? `${hop.verdict}: ${dropReasonText(hop.reason)}`
    : hop.verdict;
}

/**
 * `title` heads the text (the scenario's title); `outcome` is the trace's verdict and summary;
 * steps are the trace as the views walk it (DNS lookup, request, reply).
 */
export function journeyMarkdown(
  title: string,
  outcome: TraceOutcome,
  steps: readonly TraceStep[],
): string {
  const result =
    outcome.verdict === 'Dropped' && outcome.reasonText
      ? `Dropped: ${outcome.reasonText}`
      : outcome.verdict;
  const rows = steps.map((step, i) => {
    const place = PLACE_TITLE[step.hop.location.place];
    const where = stepWhere(step);
    return [
      String(i + 1),
      TRACE_PHASE_TITLE[step.phase],
      where ? `${place} (${where})` : place,
      verdict(step),
      addresses(step),
      step.hop.explanation,
    ]
      .map(cell)
      .join(' | ');
  });
  return [
    `## ${cell(title)}`,
    '',
    cell(outcome.summary),
    '',
    `**Verdict:** ${cell(result)}`,
    '',
    '| # | Part | Place | Verdict | Addresses | Why |',
    '| --: | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    '',
  ].join('\n');
}
