import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { GALLERY } from '../builtins/gallery.ts';
import { exportKubernetesYaml } from './exportKubernetesYaml.ts';
import { fastParse, type FastDocument } from './fastParse.ts';
import { importKubernetesYaml } from './importKubernetesYaml.ts';
import { fastRead, fullRead } from './testing/readYamlLines.ts';
import { parseDocuments, setFastReader } from './parseDocuments.ts';
import { IssueLog } from './issues.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const TRICKY_SCALARS = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: scalars
  annotations:
    a: "quoted: yes"
data:
  octal12: 0o14
  leadingZero: 014
  hex: 0x1F
  float: 1e3
  inf: .inf
  notANumber: .nan
  tilde: ~
  nullWord: null
  yes11: yes
  on11: on
  bool: true
  Bool: True
  date: 2024-01-02T03:04:05Z
  version: 1.10
  port: "8080"
  folded: >
    one
    two
  literal: |
    line
  empty:
  flow: {a: 1, b: [x, "y"]}
`;

const JSON_LIST = JSON.stringify(
  {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } },
    ],
  },
  null,
  2,
);

// YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution): both readers must
// give the same values, and the same start line for each object and each List item.
describe('the fast reader agrees with the full reader', () => {
  const cases: [string, string][] = [
    ['tricky scalars', TRICKY_SCALARS],
    ['a JSON List (kubectl get -o json)', JSON_LIST],
    ['manifests fixture', fixture('manifests.yaml')],
    ['cluster dump fixture', fixture('real-cluster-dump.yaml')],
    ['rich export fixture', fixture('rich-export.yaml')],
    ...GALLERY.map((g): [string, string] => [
      `gallery ${g.id} exported`,
      exportKubernetesYaml(g.scenario.cluster),
    ]),
  ];
  it.each(cases)('%s', (_name, text) => {
    const fast = fastRead(text, fastParse);
    expect(fast).toBeDefined();
    expect(fast).toEqual(fullRead(text));
  });
});

describe('the full reader keeps what only it can say', () => {
  it.each([
    ['a syntax error', 'kind: Pod\nmetadata: [\n'],
    ['an alias', 'a: &x {b: 1}\nc: *x\n'],
    ['a duplicate key', 'kind: Pod\nkind: Service\n'],
    ['a custom tag', 'kind: !custom Pod\n'],
  ])('%s goes to the full reader', (_name, text) => {
    expect(fastParse(text)).toBeUndefined();
  });

  it('a syntax error is reported with its line, as before', () => {
    const log = new IssueLog();
    parseDocuments(
      'apiVersion: v1\nkind: Pod\nmetadata: [\n',
      { maxBytes: 1e6, maxAliasCount: 100 },
      log,
    );
    expect(log.errors[0]?.message).toMatch(/YAML syntax error in document 1/);
    expect(log.errors[0]?.line).toBeGreaterThan(0);
  });

  it('an alias bomb is still refused by the alias cap', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]']
      .concat(
        'bcdefghi'
          .split('')
          .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
      )
      .join('\n');
    const log = new IssueLog();
    const out = parseDocuments(bomb, { maxBytes: 1e6, maxAliasCount: 100 }, log);
    expect(out).toEqual([]);
    expect(log.errors[0]?.message).toMatch(/alias bomb/);
  });
});

describe('parseDocuments with the fast reader installed', () => {
  afterEach(() => setFastReader(undefined));
  const limits = { maxBytes: 5e6, maxAliasCount: 100 };

  it('gives the same objects, lines and messages as without it', () => {
    for (const text of [fixture('real-cluster-dump.yaml'), JSON_LIST, fixture('manifests.yaml')]) {
      const slowLog = new IssueLog();
      const slow = parseDocuments(text, limits, slowLog);
      let used = 0;
      setFastReader((t) => {
        const docs = fastParse(t);
        if (docs) used++;
        return docs;
      });
      const fastLog = new IssueLog();
      expect(parseDocuments(text, limits, fastLog)).toEqual(slow);
      expect(fastLog.errors).toEqual(slowLog.errors);
      expect(used).toBe(1);
      setFastReader(undefined);
    }
  });

  it('a List item that is not an object is named with its line', () => {
    setFastReader(fastParse);
    const log = new IssueLog();
    parseDocuments('kind: List\nitems:\n- kind: Pod\n- 42\n', limits, log);
    expect(log.errors).toEqual([
      { message: 'Item 2 of the List in document 1 is not a Kubernetes object.', line: 4 },
    ]);
  });
});

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  for (const v of Object.values(value)) deepFreeze(v);
  Object.freeze(value);
}

describe('the import never changes the objects the reader gives', () => {
  afterEach(() => setFastReader(undefined));
  // Their cleaning for Export manifests waits until a snapshot's own source line has been read;
  // a frozen object would throw (modules are strict) or change the result if anything wrote to it.
  it.each([
    ['real-cluster-dump.yaml', true],
    ['manifests.yaml', true],
    // A snapshot: its own `# podpath:sources` line holds what it keeps.
    ['rich-export.yaml', false],
  ])('%s', (name, keepsItsObjects) => {
    const text = fixture(name);
    setFastReader(fastParse);
    const plain = importKubernetesYaml(text);
    setFastReader((t) => {
      const docs: FastDocument[] | undefined = fastParse(t);
      for (const d of docs ?? []) deepFreeze(d.value);
      return docs;
    });
    expect(importKubernetesYaml(text)).toEqual(plain);
    expect((plain.spec.sourceObjects?.length ?? 0) > 0).toBe(keepsItsObjects);
  });
});
