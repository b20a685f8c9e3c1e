/**
 * Which Ingresses an ingress controller serves. A controller serves an Ingress whose
 * `spec.ingressClassName` names an IngressClass with the controller's `spec.controller`; an
 * Ingress without a class name gets the default IngressClass (the one annotated
 * `ingressclass.kubernetes.io/is-default-class: "true"`) from the API server's admission when it
 * is created; the deprecated annotation `kubernetes.io/ingress.class` is compared with the
 * controller's own class name (its `--ingress-class` flag). Anything else is ignored: ingress-nginx
 * and HAProxy Ingress serve an Ingress without any class only when started with
 * `--watch-ingress-without-class`, which their installs do not set.
 * (kubernetes.io/docs/concepts/services-networking/ingress/, "Ingress class", "Default
 * IngressClass", "Deprecated annotation"; ingress-nginx user-guide/multiple-ingress and
 * user-guide/k8s-122-migration; haproxy-ingress.github.io/docs/configuration/keys, "Class matter".)
 */
import type { IngressClassSpec, IngressControllerInfo, IngressSpec } from './spec.ts';

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export interface IngressClasses {
  readonly classes: readonly IngressClassSpec[];
  /** Set when the scenario has no IngressClass and the controller's install default is assumed. */
  readonly assumed?: string;
}

/**
 * The IngressClasses of a scenario: those it has, else the one the controller's install creates
 * (ingress-nginx's deploy manifests and Helm chart create IngressClass `nginx`, HAProxy Ingress's
 * Helm chart `haproxy`; neither is marked default unless asked).
 */
export function ingressClassesOf(
  classes: readonly IngressClassSpec[],
  controller: IngressControllerInfo,
): IngressClasses {
  if (classes.length > 0) return { classes };
  return {
    classes: [{ name: controller.className, controller: controller.ingressClassController }],
    assumed: `The scenario has no IngressClass, so PodPath assumes the one ${controller.label}'s install creates: ${controller.className} (controller ${controller.ingressClassController}), not marked default.`,
  };
}

export interface ClassVerdict {
  readonly served: boolean;
  /** Why, in one sentence that names the Ingress. */
  readonly why: string;
}

/** Whether the controller serves an Ingress, and why (the trace's words). */
export function ingressClassVerdict(
  ing: IngressSpec,
  { classes }: IngressClasses,
  controller: IngressControllerInfo,
): ClassVerdict {
  const who = `Ingress ${ing.name}`;
  const ours = controller.ingressClassController;
  const byName = (name: string): ClassVerdict => {
    const cls = classes.find((c) => c.name === name);
    if (!cls)
      return {
        served: false,
        why: `${who} names IngressClass ${name}, which does not exist, so no controller serves it.`,
      };
    if (cls.controller !== ours)
      return {
        served: false,
        why: `${who} has class ${name}, whose controller is ${cls.controller || '(none)'}, not ${controller.label}'s ${ours}; ${controller.label} ignores it.`,
      };
    return { served: true, why: `${who} has class ${name}, which ${controller.label} serves.` };
  };
  // ingress-nginx reads spec.ingressClassName first (the API server refuses an Ingress that
  // sets both it and the annotation).
  if (ing.ingressClassName) return byName(ing.ingressClassName);
  const legacy = ing.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (legacy !== undefined) {
    return legacy === controller.className
      ? {
          served: true,
          why: `${who} has the deprecated annotation ${INGRESS_CLASS_ANNOTATION}: ${legacy}, the class ${controller.label} answers to.`,
        }
      : {
          served: false,
          why: `${who} has the deprecated annotation ${INGRESS_CLASS_ANNOTATION}: ${legacy}, but ${controller.label} answers only to ${controller.className}; it ignores the Ingress.`,
        };
  }
  const defaults = classes.filter((c) => c.isDefault);
  if (defaults.length > 1)
    return {
      served: false,
      why: `${who} has no class and ${defaults.length} IngressClasses are marked default (${defaults.map((c) => c.name).join(', ')}): the API server's admission refuses to create such an Ingress.`,
    };
  if (defaults.length === 1) {
    const verdict = byName(defaults[0].name);
    return {
      served: verdict.served,
      why: `${who} has no class, so it gets the default IngressClass ${defaults[0].name} when it is created. ${verdict.why}`,
    };
  }
  return {
    served: false,
    why: `${who} has no ingressClassName and no IngressClass is marked default, so ${controller.label} ignores it (it would serve it only if started with --watch-ingress-without-class).`,
  };
}

/** The Ingresses the controller serves, and the others with why each is skipped. */
export function splitByClass(
  ingresses: readonly IngressSpec[],
  classes: IngressClasses,
  controller: IngressControllerInfo,
): { served: IngressSpec[]; skipped: { ingress: IngressSpec; why: string }[] } {
  const served: IngressSpec[] = [];
  const skipped: { ingress: IngressSpec; why: string }[] = [];
  for (const ingress of ingresses) {
    const v = ingressClassVerdict(ingress, classes, controller);
    if (v.served) served.push(ingress);
    else skipped.push({ ingress, why: v.why });
  }
  return { served, skipped };
}
