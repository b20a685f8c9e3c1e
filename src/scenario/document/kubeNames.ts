/**
 * Kubernetes' rules for object names, label keys and values, and port names, as the API server
 * checks them (k8s.io/apimachinery/pkg/util/validation/validation.go). The scenario schema, the
 * YAML reader and the inspector's checks all ask these, so a name one of them accepts the others
 * accept too. Each answers yes or no; the callers word their own message for where it is shown.
 */

/** Longest DNS-1123 or DNS-1035 label, label value and label-key name part. */
export const LABEL_MAX = 63;
/** Longest DNS-1123 subdomain (most object names, label-key prefixes). */
export const SUBDOMAIN_MAX = 253;
/** Longest port name (an IANA service name). */
export const PORT_NAME_MAX = 15;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PORT_NAME_CHARS = /^[-a-z0-9]+$/;

/** IsDNS1123Label: Namespace names, container names, Service port names, hostnames. */
export const isDnsLabel = (value: string): boolean =>
  value.length <= LABEL_MAX && DNS1123_LABEL.test(value);

/** IsDNS1123Subdomain: the name of most objects (Pod, Node, Ingress, NetworkPolicy, ...). */
export const isDnsSubdomain = (value: string): boolean =>
  value.length <= SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(value);

/** IsDNS1035Label: Service names, which become DNS labels and environment variable names. */
export const isDns1035Label = (value: string): boolean =>
  value.length <= LABEL_MAX && DNS1035_LABEL.test(value);

/** The two parts of a label key: `prefix/name`, or a name alone. */
export function splitLabelKey(key: string): { readonly prefix?: string; readonly name: string } {
  const slash = key.lastIndexOf('/');
  return slash < 0 ? { name: key } : { prefix: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The name part of a label key (IsQualifiedName without a prefix). */
export const isLabelKeyName = (name: string): boolean =>
  name.length <= LABEL_MAX && QUALIFIED_NAME.test(name);

/** A label key's prefix: a DNS-1123 subdomain. */
export const isLabelKeyPrefix = (prefix: string): boolean => isDnsSubdomain(prefix);

/** IsQualifiedName: a label key, `[prefix/]name`. */
export function isLabelKey(key: string): boolean {
  const { prefix, name } = splitLabelKey(key);
  return (prefix === undefined || isLabelKeyPrefix(prefix)) && isLabelKeyName(name);
}

/** IsValidLabelValue: empty, or a qualified name part. */
export const isLabelValue = (value: string): boolean => value === '' || isLabelKeyName(value);

/**
 * IsValidPortName (an IANA service name): a container port's name and a targetPort given by
 * name. At most 15 lower-case letters, digits and "-", with a letter, no "--", not starting or
 * ending with "-".
 */
export const isPortName = (name: string): boolean =>
  name.length >= 1 &&
  name.length <= PORT_NAME_MAX &&
  PORT_NAME_CHARS.test(name) &&
  /[a-z]/.test(name) &&
  !name.includes('--') &&
  !name.startsWith('-') &&
  !name.endsWith('-');
