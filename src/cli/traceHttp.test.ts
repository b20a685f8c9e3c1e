/**
 * `podpath trace` with an http(s) URL through a Gateway: --method, --header (repeatable) and
 * --gateway shape the request; the JSON adds http {status, gateway, route, rule, backend}.
 */
import { describe, expect, it } from 'vitest';
import { wrapScenario } from '../scenario/envelope.ts';
import { galleryEntry } from '../scenario/builtins/gallery.ts';
import type { TraceJson } from './format.ts';
import { cliRunner, traceArgv } from './testing.ts';

const FILES: Record<string, string> = {
  'header.json': JSON.stringify(wrapScenario(galleryEntry('gateway-header')!.scenario)),
  'paths.json': JSON.stringify(wrapScenario(galleryEntry('gateway-host-path')!.scenario)),
  'redirect.json': JSON.stringify(wrapScenario(galleryEntry('gateway-redirect')!.scenario)),
};

const run = cliRunner((path) => FILES[path] ?? '');
const http = (...argv: string[]) => (JSON.parse(run(...argv, '--json').stdout) as TraceJson).http;

describe('podpath trace through a Gateway', () => {
  it('routes by path and reports the route, rule and backend', () => {
    expect(
      http(...traceArgv('paths.json', 'ip:203.0.113.200', 'http://shop.example.com/api/cart?x=1')),
    ).toEqual({
      status: null,
      gateway: 'default/eg',
      route: 'default/shop',
      rule: 1,
      backend: { namespace: 'default', service: 'api', port: 80 },
    });
  });

  it('--header may be given many times and picks the header rule', () => {
    const args = [
      'trace',
      'header.json',
      '--from',
      'ip:198.51.100.7',
      '--to',
      'http://app.example.com/',
    ];
    expect(
      http(...args, '--header', 'X-Env: canary', '--header', 'Accept: */*')?.backend?.service,
    ).toBe('app-canary');
    expect(http(...args)?.backend?.service).toBe('app');
  });

  it('an unknown host through a named Gateway answers 404 with no backend', () => {
    expect(
      http(
        ...traceArgv(
          'paths.json',
          'ip:198.51.100.7',
          'http://nope.example.com/',
          '--gateway',
          'default/eg',
        ),
      ),
    ).toMatchObject({ status: 404, gateway: 'default/eg', route: null, backend: null });
  });

  it('prints the HTTP line in the text form; a redirect is the gateway’s own answer', () => {
    const r = run(
      ...traceArgv(
        'redirect.json',
        'ip:198.51.100.7',
        'http://shop.example.com/cart',
        '--method',
        'post',
      ),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /HTTP: 301, gateway default\/eg, route default\/to-https rule 1, Location https:\/\/shop\.example\.com\/cart/,
    );
  });

  it('refuses a bad header, and HTTP flags without a URL', () => {
    const bad = run(...traceArgv('paths.json', 'ip:198.51.100.7', 'http://a/', '--header', ': x'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--header must be "Name: value"/);
    const noUrl = run(
      ...traceArgv('paths.json', 'ip:198.51.100.7', '10.96.0.10', '--method', 'GET'),
    );
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/go with an http\(s\):\/\/ URL/);
    const unknownGw = run(
      ...traceArgv('paths.json', 'ip:198.51.100.7', 'http://a/', '--gateway', 'x/y'),
    );
    expect(unknownGw.code).toBe(1);
    expect(unknownGw.stderr).toMatch(/There is no Gateway x\/y/);
  });
});
