/** Cloudflare's v4 response envelope and the error type handlers throw. */

export interface CfErrorItem {
  code: number;
  message: string;
  error_chain?: CfErrorItem[];
  source?: { pointer: string };
}

export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

/** An error answered as `{success:false, errors, messages:[], result:null}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: CfErrorItem[];
  readonly headers: Record<string, string>;

  constructor(status: number, errors: CfErrorItem[], headers: Record<string, string> = {}) {
    super(errors.map((e) => `${e.code} ${e.message}`).join('; '));
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }

  static of(status: number, code: number, message: string, extra: Partial<CfErrorItem> = {}): ApiError {
    return new ApiError(status, [{ code, message, ...extra }]);
  }
}

export function successEnvelope(result: unknown, resultInfo?: ResultInfo): Record<string, unknown> {
  const body: Record<string, unknown> = { success: true, errors: [], messages: [], result };
  if (resultInfo) body.result_info = resultInfo;
  return body;
}

export function failureEnvelope(errors: CfErrorItem[]): Record<string, unknown> {
  return { success: false, errors, messages: [], result: null };
}

/** Slice a list into one page; a page past the end is an empty array, never an error. */
export function paginate<T>(items: T[], page: number, perPage: number): { items: T[]; info: ResultInfo } {
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  return {
    items: slice,
    info: {
      page,
      per_page: perPage,
      count: slice.length,
      total_count: items.length,
      total_pages: Math.max(1, Math.ceil(items.length / perPage)),
    },
  };
}
