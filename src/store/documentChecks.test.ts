import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import {
  checkClusterCidrs,
  checkContainers,
  checkIngressHost,
  checkLabelKey,
  checkLabelRows,
  checkLabelValue,
  checkAnnotationValue,
  checkNodeIp,
  checkNodeSubnet,
  checkNodePort,
  checkNodePortRange,
  checkObjectName,
  checkPodCidr,
  checkServicePorts,
  parsePort,
  parseTargetPort,
} from './documentChecks.ts';

const cluster = {
  ...defaultScenario.cluster,
  nodes: [{ name: 'node-1', ip: '192.168.49.2', podCidr: '10.244.1.0/24' }, { name: 'node-2' }],
  services: [
    ...defaultScenario.cluster.services,
    {
      name: 'shop',
      type: 'NodePort' as const,
      selector: { app: 'shop' },
      ports: [{ port: 80, nodePort: 30080 }],
    },
  ],
};

describe('names and labels', () => {
  it.each([
    ['Service', 'web', null],
    ['Service', '9web', /starting with a letter/],
    ['Pod', 'Web', /lower-case/],
    ['Pod', 'web.v1', null],
    ['Pod', '', /required/],
    ['Pod', 'a'.repeat(64), /63/],
  ] as const)('%s %s', (kind, name, expected) => {
    const result = checkObjectName(kind, name);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });

  it('refuses a name taken in the namespace', () => {
    expect(checkObjectName('Pod', 'web-1', new Set(['web-1']))).toMatch(/already named web-1/);
  });

  it('checks label keys and values as Kubernetes does', () => {
    expect(checkLabelKey('app')).toBeNull();
    expect(checkLabelKey('app.kubernetes.io/name')).toBeNull();
    expect(checkLabelKey('-app')).toMatch(/label key/);
    expect(checkLabelKey('/app')).toMatch(/prefix/);
    expect(checkLabelValue('')).toBeNull();
    expect(checkLabelValue('has space')).toMatch(/label value/);
    expect(
      checkLabelRows([
        ['app', 'web'],
        ['app', 'db'],
      ]),
    ).toEqual({
      '[1].key': 'The key app is listed twice.',
    });
  });
});

describe('ports', () => {
  it('parses port numbers and names', () => {
    expect(parsePort('8080')).toEqual({ value: 8080 });
    expect(parsePort('0')).toHaveProperty('error');
    expect(parsePort('70000')).toHaveProperty('error');
    expect(parsePort('80a')).toHaveProperty('error');
    expect(parseTargetPort('http')).toEqual({ value: 'http' });
    expect(parseTargetPort('8080')).toEqual({ value: 8080 });
    expect(parseTargetPort('a-very-long-port-name')).toHaveProperty('error');
  });

  it('keeps a nodePort inside the range and unique', () => {
    expect(checkNodePort(cluster, 'Service/default/web', 0, 30081)).toBeNull();
    expect(checkNodePort(cluster, 'Service/default/web', 0, 99)).toBe(
      'nodePort 99 is outside the NodePort range 30000-32767.',
    );
    expect(checkNodePort(cluster, 'Service/default/web', 0, 30080)).toMatch(
      /already allocated to Service shop/,
    );
    // The Service's own port may keep its value.
    expect(checkNodePort(cluster, 'Service/default/shop', 0, 30080)).toBeNull();
  });

  it('finds duplicate and unnamed Service ports', () => {
    expect(
      checkServicePorts([{ name: 'http', port: 80 }, { name: 'http', port: 80 }, { port: 81 }]),
    ).toEqual({
      'ports[1].port': 'Port 80/TCP is listed twice.',
      'ports[1].name': 'The port name http is used twice.',
      'ports[2].name': 'Every port of a multi-port Service needs a name.',
    });
  });

  it('finds two containers on one port and a port name used twice', () => {
    const errors = checkContainers([
      { name: 'web', ports: [{ name: 'http', containerPort: 8080 }] },
      { name: 'sidecar', ports: [{ name: 'http', containerPort: 8080 }] },
    ]);
    expect(errors['containers[1].ports[0].containerPort']).toMatch(
      /web already binds 8080\/TCP: containers of a pod share one network namespace/,
    );
    expect(errors['containers[1].ports[0].name']).toMatch(/http is already used/);
    // The same number over UDP is another port.
    expect(
      checkContainers([
        { name: 'dns', ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53 }] },
      ]),
    ).toEqual({});
  });
});

describe('addresses and settings', () => {
  it('checks node IPs and pod CIDRs', () => {
    expect(checkNodeIp(cluster, 'Node/node-2', '192.168.49.9')).toBeNull();
    expect(checkNodeIp(cluster, 'Node/node-2', '192.168.49.2')).toMatch(/node-1's address/);
    expect(checkNodeIp(cluster, 'Node/node-2', '192.168.49')).toMatch(/not an IPv4/);
    expect(checkPodCidr(cluster, 'Node/node-2', '10.244.2.0/24')).toBeNull();
    expect(checkPodCidr(cluster, 'Node/node-2', '10.244.1.0/25')).toMatch(/overlaps node node-1/);
    expect(checkPodCidr(cluster, 'Node/node-2', '10.9.0.0/24')).toMatch(/outside the cluster CIDR/);
  });

  it("checks that a node's subnet holds its address", () => {
    expect(checkNodeSubnet('192.168.49.2', '192.168.49.0/24')).toBeNull();
    expect(checkNodeSubnet(undefined, '10.0.1.0/24')).toBeNull();
    expect(checkNodeSubnet('192.168.49.2', '10.0.1.0/24')).toMatch(/does not hold/);
    expect(checkNodeSubnet('192.168.49.2', '10.0.1.0')).toMatch(/not a CIDR/);
  });

  it('lets annotation values be free text', () => {
    expect(
      checkLabelRows([['nginx.ingress.kubernetes.io/rewrite-target', '/$2']], checkAnnotationValue),
    ).toEqual({});
    expect(checkLabelRows([['app', '/$2']])).toHaveProperty(['[0].value']);
  });

  it('checks the NodePort range against the ports in use', () => {
    expect(checkNodePortRange(cluster, '30000-32767')).toBeNull();
    expect(checkNodePortRange(cluster, '31000-32767')).toMatch(/shop uses nodePort 30080/);
    expect(checkNodePortRange(cluster, '32767-30000')).toMatch(/not a port range/);
  });

  it('refuses overlapping cluster and Service CIDRs', () => {
    expect(checkClusterCidrs('10.244.0.0/16', '10.96.0.0/12')).toBeNull();
    expect(checkClusterCidrs('10.0.0.0/8', '10.96.0.0/12')).toMatch(/overlap/);
  });

  it('checks Ingress hosts', () => {
    expect(checkIngressHost('shop.example.com')).toBeNull();
    expect(checkIngressHost('*.example.com')).toBeNull();
    expect(checkIngressHost('shop.example.com:80')).toMatch(/no port/);
  });
});
