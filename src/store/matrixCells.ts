/**
 * Reading the reachability matrix's cells, for the views (panels import no engine values): the
 * matrix keeps one bitset row per distinct set of destinations, and only the engine's readers
 * know that layout.
 */
export { canReach } from '../engine/reachabilityMatrix.ts';
