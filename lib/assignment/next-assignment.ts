// The engine lives in lease-assignments.ts; this name is kept for callers of the first slice.
export {
  nextAssignment,
  leaseAssignments,
  type LeasedAssignment,
  type LeaseResult,
  type StopReason,
} from "./lease-assignments";
