/**
 * The Ingress inspector's offer to convert: why (ingress-nginx is retired, the Gateway API is
 * its successor), what the conversion will add (read from the conversion itself, so the list
 * is what the button does) and a button that adds it.
 */
import { useMemo } from 'react';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { convertIngressToGatewayApi } from '../../store/editorActions.ts';
import { convertIngressToGateway } from '../../store/gatewayEdits.ts';
import { SmallButton } from './formLayout.tsx';
import { kindOfKey, qualifiedNameOfKey } from '../../scenario/document/elementKey.ts';

export function GatewayConversionNote({ elementKey }: { readonly elementKey: string }) {
  const document = useAppStore((s) => s.document);
  const preview = useMemo(() => {
    try {
      return convertIngressToGateway(document, elementKey);
    } catch {
      return null;
    }
  }, [document, elementKey]);
  if (!preview) return null;
  const added = preview.keys.map((key) => `${kindOfKey(key)} ${qualifiedNameOfKey(key)}`);
  return (
    <section
      aria-label="Convert to Gateway API"
      className="mx-5 mb-3 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2.5 text-[12.5px] leading-snug text-indigo-950"
    >
      <div className="flex items-start gap-3">
        <p className="min-w-0 flex-1">
          Kubernetes SIG Network retired ingress-nginx (its best-effort maintenance ended in March
          2026) and points to the Gateway API, the successor of Ingress.
        </p>
        <SmallButton onClick={() => convertIngressToGatewayApi(appStore, elementKey)}>
          Convert to Gateway API
        </SmallButton>
      </div>
      <p className="mt-1.5">
        Converting adds, as ingress2gateway writes them: <b>{added.join(', ')}</b>. The class
        becomes the Gateway, each host a listener (HTTP on 80, HTTPS on 443 with the TLS Secret) and
        an HTTPRoute, each path a rule (Prefix becomes PathPrefix). This Ingress stays: the request
        then goes through the Gateway, so the two traces can be compared; undo goes back.
      </p>
    </section>
  );
}
