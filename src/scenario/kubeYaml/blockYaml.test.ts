/**
 * The block-style reader gives exactly what the YAML readers give, or gives up.
 *
 * Scalars resolve by the YAML 1.2.2 core schema, https://yaml.org/spec/1.2.2/#1032-tag-resolution:
 * null is `null | Null | NULL | ~` or empty; bool is `true | True | TRUE | false | False | FALSE`;
 * int is `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`; float is
 * `[-+]?(\.[0-9]+ | [0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)` or
 * `\.(nan|NaN|NAN)`; anything else is a string. js-yaml's CORE_SCHEMA and the `yaml` package
 * (YAML 1.2, core schema) both implement it; each case is checked against both.
 */
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../../bench/generate.ts';
import { GALLERY } from '../builtins/gallery.ts';
import { readBlockYaml, resolvePlain } from './blockYaml.ts';
import { exportKubernetesYaml } from './exportKubernetesYaml.ts';
import { fastRead, fullRead } from './testing/readYamlLines.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const blockRead = (text: string) => fastRead(text, readBlockYaml);

function expectSameAsTheReaders(text: string): void {
  const block = blockRead(text);
  expect(block).toBeDefined();
  expect(block?.map((d) => d.value)).toEqual(loadAll(text, { schema: CORE_SCHEMA }));
  expect(block).toEqual(fullRead(text));
}

const KUBECTL_LIST = `apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","kind":"Service"}'
    creationTimestamp: "2024-05-01T10:00:00Z"
    labels:
      app: web
    name: web
    namespace: shop
  spec:
    clusterIP: 10.96.0.10
    clusterIPs:
    - 10.96.0.10
    ports:
    - name: http
      port: 80
      protocol: TCP
      targetPort: 8080
    selector:
      app: web
    sessionAffinity: None
    type: ClusterIP
  status:
    loadBalancer: {}
-
  apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
kind: List
metadata:
  resourceVersion: ""
`;

const SHAPES = `# a comment before the first document
apiVersion: v1   # trailing comment
kind: ConfigMap
metadata:
    name: shapes     # deeper indentation
    labels: {}
data:
  single: 'it''s # not a comment'
  double: "tab\\tnew\\nline \\"q\\" \\\\ \\x41 \\u00e9 \\U0001F600 \\/ \\_ \\N"
  hash: a#b
  unicode: café 😀 "x"
  colon: a:b
  k8s:io.kubernetes.pod.namespace: kube-system
  url: http://example.com:8080/x
  spaces: "  padded  "
  dashes: -x
  empty:
  emptyQuoted: ""
  list: []
  nested:
    - - placeholder
---

---
# a document of comments only
---
- one
-   key: value
    other: 2
- "quoted": key
  plain: x
- [ ]
`.replace('    - - placeholder\n', '    - a\n    -\n      b: 1\n');

/** The benchmark's cluster (bench/run.ts): 50 nodes, 1,500 pods, 300 Services, 150 policies. */
const BENCH_SIZE = { nodes: 50, pods: 1500, services: 300, policies: 150 };

const LITERALS = `apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{},"name":"coredns"}}
  name: coredns
data:
  Corefile: |
    .:53 {
        errors

    # not a comment: the scalar's text
        forward . /etc/resolv.conf
    }


  stripped: |-
    one
    two: not a key

  items:
  - |
    in a sequence
  - key: |-
      in a compact mapping
  -   |
      at a wider column
  after: 1
---
data:
  fullyIndented: |
      --- not a separator
      ...
`;

describe('the block reader gives what js-yaml and the yaml package give', () => {
  const cases: [string, string][] = [
    ['a kubectl get -o yaml List', KUBECTL_LIST],
    ['rich export fixture', fixture('rich-export.yaml')],
    ['the benchmark cluster, exported', exportKubernetesYaml(generateCluster(BENCH_SIZE))],
    ...GALLERY.map((g): [string, string] => [
      `gallery ${g.id} exported`,
      exportKubernetesYaml(g.scenario.cluster),
    ]),
  ];
  // The benchmark's file is 0.9 MB, read by both reference readers: seconds on a busy machine.
  it.each(cases)('%s', (_name, text) => expectSameAsTheReaders(text), 60_000);

  it('literal block scalars (YAML 1.2 section 8.1.2), as kubectl writes its annotations', () => {
    expectSameAsTheReaders(LITERALS);
  });

  it('comments, quoting, indentation and empty documents', () => {
    // `[ ]` is a flow sequence this reader does not read: the last document makes it give up.
    expect(readBlockYaml(SHAPES)).toBeUndefined();
    expectSameAsTheReaders(SHAPES.replace('- [ ]\n', '- []\n'));
  });

  it('the items of a List start on their own lines', () => {
    expect(blockRead(KUBECTL_LIST)?.[0].itemLines).toEqual([3, 29]);
  });
});

describe('core schema tag resolution', () => {
  const scalars = [
    ...['null', 'Null', 'NULL', '~', 'nULL', 'nil', 'None'],
    ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'yes', 'on', 'Off', 'y', 'tRUE'],
    ...['0', '-0', '+12', '007', '0o14', '0o18', '0x1F', '0X1F', '-0x1F', '0b101', '1_000'],
    ...['12345678901234567890123', '1.5', '1.', '.5', '-.5', '1e3', '1E-3', '+1.5e+3', '1.2.3'],
    ...['.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '-.nan', '.Nan', 'inf', 'NaN'],
    ...['10.244.0.0/16', '2024-01-02', '2024-01-02T03:04:05Z', '8080-tcp', 'v1.2', '1:30'],
    // A no-break space is no white space in YAML 1.2 (section 5.5): it stays in the scalar.
    ...['x\u00a0', '\u00a0x', '-\u00a0', 'x\u3000# not a comment'],
  ];
  it.each(scalars)('%s', (s) => {
    const text = `a: ${s}\n`;
    expect(readBlockYaml(text)?.[0].value).toEqual(loadAll(text, { schema: CORE_SCHEMA })[0]);
    expect(readBlockYaml(text)?.[0].value).toEqual(fullRead(text)[0].value);
  });

  // Indicators and near-numbers in every place a scalar or key sits: each is read as both readers
  // read it, or left to them (a sequence entry, a flow collection, a directive...).
  const odd = ['?x', ':x', '-x', 'x:y', 'x::', '=x', 'a,b', 'a]', 'a}', 'a`b', 'a"b', "a'b"];
  const oddNumbers = ['0.', '-.', '+', '.', '1e', '0o', '0x', '0xg', '+0x1', '00', '.e1', '1.e1'];
  const oddQuoted = ["'a''b'", '"a\\"b"', '"\\x41\\u0042"', 'a\\b', '[] # c', "'' #c", 'a #b #c'];
  const oddKeys = [
    'a:b',
    'a::b',
    '0a',
    'y',
    'No',
    'nan',
    '"a: b"',
    '""',
    'constructor',
    'toString',
  ];
  it.each([
    ...[...odd, ...oddNumbers, ...oddQuoted, '-', '--', '---', '...'].flatMap((v) => [
      `a: ${v}\n`,
      `- ${v}\n`,
      `k:\n  - ${v}\n`,
    ]),
    ...oddKeys.map((k) => `${k}: v\n`),
  ])('%j', (text) => {
    const block = readBlockYaml(text)?.map((d) => d.value);
    if (block === undefined) return;
    expect(block).toEqual(loadAll(text, { schema: CORE_SCHEMA }));
    expect(block).toEqual(fullRead(text).map((d) => d.value));
  });

  it('an integer too large for a double, whose reading the readers disagree on, is left to them', () => {
    expect(readBlockYaml('a: 1e400\n')).toBeUndefined();
    expect(resolvePlain('1e3')).toBe(1000);
  });
});

describe('anything else is left to the other readers', () => {
  it.each([
    ['a flow mapping', 'metadata: {name: web}\n'],
    ['a flow sequence', 'args: [a, b]\n'],
    ['an anchor', 'a: &x 1\n'],
    ['an alias', 'a: 1\nb: *x\n'],
    ['a tag', 'kind: !custom Pod\n'],
    ['a folded block scalar', 'data: >-\n  text\n'],
    ['a literal block scalar that keeps its final lines', 'data: |+\n  text\n\n'],
    ['a literal block scalar with an explicit indentation', 'data: |2\n   text\n'],
    ['a literal block scalar header with a comment', 'data: | # c\n  text\n'],
    ['an empty literal block scalar', 'data: |\nnext: 1\n'],
    ['a literal block scalar at the end without a line break', 'data: |\n  text'],
    ['a literal block scalar with a longer line of spaces', 'data: |\n  a\n    \n  b\n'],
    ['a literal block scalar with a longer leading line of spaces', 'data: |\n    \n  b\n'],
    ['a literal block scalar as a document', '--- |\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['a quoted scalar with an escaped line break', 'a: "one\\\n  two"\n'],
    ['a tab', 'a:\tb\n'],
    ['a carriage return', 'a: b\r\n'],
    ['a byte order mark', '\ufeffa: b\n'],
    ['a duplicate key', 'kind: Pod\nkind: Service\n'],
    ['a complex key', '? a\n: b\n'],
    ['a directive', '%YAML 1.2\n---\na: b\n'],
    ['a document end marker', 'a: b\n...\n'],
    ['content after ---', '--- a\n'],
    ['a key the core schema reads as a number', '80: http\n'],
    ['a key the core schema reads as a bool', 'true: x\n'],
    ['a key the core schema reads as null', 'null: x\n'],
    ['a merge key', '<<: x\n'],
    ['__proto__', '__proto__: x\n'],
    ['a key with a space', 'my key: x\n'],
    ['a sequence in a sequence item', '- - a\n'],
    ['an item with nothing', 'a:\n-\n- b\n'],
    ['a scalar document', 'hello\n'],
    ['a mapping in a plain scalar', 'a: b: c\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['an item after a mapping at its column', 'a: 1\n- b\n'],
    ['a control character', 'a: "\u0001"\n'],
    ['a next-line character (a line break in YAML 1.1)', 'a: b\u0085c\n'],
    ['a line separator (a line break in YAML 1.1)', 'a: b\u2028c\n'],
    ['a lone surrogate', 'a: b\ud800c\n'],
    ['a lone surrogate escape', 'a: "\\ud800"\n'],
    ['deep nesting', Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
  ])('%s', (_name, text) => {
    expect(readBlockYaml(text)).toBeUndefined();
  });
});
