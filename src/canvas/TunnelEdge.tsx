/**
 * The links between node frames: the tunnel the CNI builds (VXLAN, IP-in-IP, Geneve, Weave's
 * sleeve) or the plain routed node network, drawn as their own curve below the frames and
 * labelled with what carries the packets. A packet crossing nodes rides along it.
 */
import type { NodeLink } from '../engine/datapath/cni.ts';
import type { Scene } from './playback/scene.ts';
import { linkCurve } from './playback/scene.ts';

/** How a CNI joins nodes, as the label of the link (the engine's words): `VXLAN UDP 8472 · flannel.1`. */
export type LinkStyle = NodeLink;

export interface TunnelLink {
  readonly from: string;
  readonly to: string;
}

interface TunnelLinksProps {
  readonly scene: Scene;
  readonly links: readonly TunnelLink[];
  /** How the CNI joins nodes; a link a trace crossed is labelled by that trace instead. */
  readonly style: LinkStyle;
  readonly crossed: ReadonlyMap<string, LinkStyle>;
  /** Links the shown traces use: drawn in the packet's colour. */
  readonly used: ReadonlySet<string>;
}

export const linkKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function TunnelLinks({ scene, links, style: base, crossed, used }: TunnelLinksProps) {
  if (links.length === 0) return null;
  return (
    <svg className="pp-links" aria-hidden="true" data-testid="tunnel-links">
      {links.map(({ from, to }) => {
        const curve = linkCurve(scene, from, to, 24);
        if (curve.length === 0) return null;
        const d = `M ${curve.map((p) => `${p.x} ${p.y}`).join(' L ')}`;
        const mid = curve[Math.floor(curve.length / 2)];
        const active = used.has(linkKey(from, to));
        const style = crossed.get(linkKey(from, to)) ?? base;
        const width = Math.max(140, style.label.length * 6.6 + 20);
        return (
          <g key={linkKey(from, to)} data-link={`${from}-${to}`} data-active={active}>
            {style.tunnel && <path d={d} className="pp-link-casing" />}
            <path
              d={d}
              className={style.tunnel ? 'pp-link-tunnel' : 'pp-link-routed'}
              data-active={active}
            />
            <g transform={`translate(${mid.x - width / 2}, ${mid.y + 7})`}>
              <rect width={width} height={22} rx={11} className="pp-link-label-bg" />
              <text x={width / 2} y={15} textAnchor="middle" className="pp-link-label">
                {style.label}
              </text>
            </g>
          </g>
        );
      })}
    </svg>
  );
}
