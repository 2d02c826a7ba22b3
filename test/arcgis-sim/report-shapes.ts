/**
 * Loads the shapes of a diagnostics report (`gpjobs servers diagnose`) into simulator options, so a site
 * an administrator reported can be reproduced here: how its `jobs/query` lays out jobs, and its context path.
 */
import type { QueryShape } from './query-shapes';
import type { SimOptions } from './types';

/** The part of a diagnostics report the simulator reads (format `gpjobs-diagnostics/1`). */
export interface ReportShapes {
  format?: unknown;
  site?: { contextPath?: unknown };
  jobsQuery?: { layout?: unknown; valueKeys?: unknown } | null;
}

function queryShapeOf(jobsQuery: ReportShapes['jobsQuery']): QueryShape | undefined {
  if (!jobsQuery) return undefined;
  const keys = Array.isArray(jobsQuery.valueKeys) ? jobsQuery.valueKeys.map(String) : [];
  switch (jobsQuery.layout) {
    case 'jobs-array':
      return 'jobs-array';
    case 'results-array':
      return 'results-array';
    case 'keyed-results': {
      if (keys.length === 0) return 'keyed-empty';
      const full = ['status', 'submittedTime', 'endTime', 'username', 'machineName'];
      return full.every((k) => keys.includes(k)) ? 'keyed' : 'keyed-partial';
    }
    default:
      return undefined;
  }
}

/** Simulator options reproducing a report's shapes; throws on something that is not such a report. */
export function simOptionsFromReport(report: ReportShapes): Pick<SimOptions, 'queryShape' | 'contextPath'> {
  if (report.format !== 'gpjobs-diagnostics/1') {
    throw new Error('arcgis-sim: not a gpjobs diagnostics report (format gpjobs-diagnostics/1)');
  }
  const out: Pick<SimOptions, 'queryShape' | 'contextPath'> = {};
  const shape = queryShapeOf(report.jobsQuery);
  if (shape) out.queryShape = shape;
  const path = report.site?.contextPath;
  if (path === 'arcgis' || path === 'server') out.contextPath = path;
  if (path === 'none') out.contextPath = '';
  return out;
}
