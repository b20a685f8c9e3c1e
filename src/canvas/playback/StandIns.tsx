/**
 * Stand-ins for what a trace visits but the canvas does not draw: a hidden system pod (CoreDNS
 * answering a lookup, the ingress controller) shown as a tab above its node, and the cloud load
 * balancer in front of a LoadBalancer Service, so the packet always goes somewhere meaningful.
 */
import { useAppStore } from '../../store/appStore.ts';
import { selectSelectedStep } from '../../store/selectors.ts';
import type { Scene } from './scene.ts';

export function StandIns({ scene }: { readonly scene: Scene }) {
  // The element the current hop happens at: its stand-in is drawn solid.
  const activeKey = useAppStore(selectSelectedStep)?.atKey ?? null;
  const items = [
    ...scene.standIns.map((s) => ({ ...s, kind: 'pod' as const })),
    ...[...scene.loadBalancers.values()]
      .filter((s) => !s.drawn)
      .map((s) => ({ ...s, kind: 'lb' as const })),
  ];
  if (items.length === 0) return null;
  return (
    <>
      {items.map((item) => (
        <div
          key={item.key}
          className="pp-stand-in"
          data-kind={item.kind}
          data-active={item.key === activeKey}
          data-testid="stand-in"
          title={item.kind === 'pod' ? 'A system pod, shown while the packet visits it' : undefined}
          style={{
            transform: `translate(${item.box.x}px, ${item.box.y}px)`,
            width: item.box.width,
            height: item.box.height,
          }}
        >
          <span className="pp-stand-in-title">{item.title}</span>
          <span className="pp-stand-in-detail">{item.detail}</span>
        </div>
      ))}
    </>
  );
}
