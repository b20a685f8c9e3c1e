/**
 * Fixtures for tests that format traces (the CLI's text, the journey's Markdown): a packet from
 * `ip:port` text, and the outer header flannel's VXLAN puts around a packet from node-1
 * (192.168.49.2) to node-2 (192.168.49.3).
 */
import type { Ipv4 } from '../net.ts';
import type { OuterHeader, Packet } from '../trace.ts';

export const ip = (text: string) => text as Ipv4;

/** A TCP packet between two `ip:port` ends. */
export function packet(src: string, dst: string): Packet {
  const [srcIp, srcPort] = src.split(':');
  const [dstIp, dstPort] = dst.split(':');
  return {
    protocol: 'TCP',
    src: { ip: ip(srcIp), port: Number(srcPort) },
    dst: { ip: ip(dstIp), port: Number(dstPort) },
  };
}

/** flannel.1's VXLAN header between the two nodes: UDP 8472, 50 bytes, an inner MTU of 1450. */
export const flannelVxlanOuter: OuterHeader = {
  encapsulation: 'VXLAN',
  src: ip('192.168.49.2'),
  dst: ip('192.168.49.3'),
  protocol: 'UDP',
  dstPort: 8472,
  device: 'flannel.1',
  overheadBytes: 50,
  innerMtu: 1450,
};
