/**
 * The backend's types as the renderer sees them, re-exported from electron/shared in one place.
 * Types only (the one runtime import from electron/ is the web client in web-transport.ts).
 */
export type { GpJobsApi, ChannelResults } from '../../../electron/shared/contract';
export type { PayloadOf, ProfileInput } from '../../../electron/shared/schemas';
export type {
  AppError,
  BulkAction,
  BulkPlanView,
  BulkProgressView,
  ConnectionInfo,
  ConnectionStateView,
  CredentialState,
  GpService,
  HeldPlanView,
  ImportEntryReport,
  ImportReport,
  JobDetailView,
  JobsPageView,
  JobMessage,
  JobParameterView,
  JobOutcome,
  JobResultView,
  OutcomeCounts,
  PlanServer,
  PlanService,
  PlanStatusCount,
  PolicyListView,
  PolicyPreviewView,
  PolicyView,
  ProfileEntry,
  ProfileView,
  RetentionView,
  RunResultRowView,
  RunResultsView,
  RunSummaryView,
  ServerJobsView,
  StreamedListing,
  RetentionChangeView,
  ServerRetentionView,
  ServerLineView,
} from '../../../electron/shared/views';
export type { Result } from '../../../electron/shared/views';
/** The renderer's job is the job as listed for the table: the core's job without its REST url. */
export type { ListedJob as Job } from '../../../electron/shared/views';
