// AWS-style errors: code, HTTP status and message, rendered as Route 53's <ErrorResponse> document
// (which is what @aws-sdk/client-route-53 parses to pick the exception class by <Code>).
import { SERVICE_MODEL } from './service-model.generated.js';
import { XML_NAMESPACE } from './model.js';
import { escapeXml } from './xml-text.js';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** InvalidChangeBatch carries one message per failed check (model member `messages`, items `<Message>`). */
  readonly messages: string[] | undefined;
  readonly type: 'Sender' | 'Receiver';

  constructor(code: string, message: string, opts: { status?: number; messages?: string[] } = {}) {
    super(message);
    this.code = code;
    this.status = opts.status ?? SERVICE_MODEL.shapes[code]?.error?.httpStatusCode ?? 400;
    this.messages = opts.messages;
    this.type = this.status >= 500 ? 'Receiver' : 'Sender';
  }

  toXml(requestId: string): string {
    const messages = this.messages
      ? `<messages>${this.messages.map((m) => `<Message>${escapeXml(m)}</Message>`).join('')}</messages>`
      : '';
    return `<?xml version="1.0"?>\n<ErrorResponse xmlns="${XML_NAMESPACE}"><Error><Type>${this.type}</Type>` +
      `<Code>${escapeXml(this.code)}</Code><Message>${escapeXml(this.message)}</Message>${messages}</Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  }
}

export const invalidInput = (message: string): ApiError => new ApiError('InvalidInput', message);

/** InvalidChangeBatch: AWS lists every problem; with several, the message is `[m1, m2]`. */
export function invalidChangeBatch(messages: string[]): ApiError {
  const message = messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`;
  return new ApiError('InvalidChangeBatch', message, { messages });
}

export const noSuchHostedZone = (id: string): ApiError =>
  new ApiError('NoSuchHostedZone', `No hosted zone found with ID: ${id}`, { status: 404 });

export const noSuchHealthCheck = (id: string): ApiError =>
  new ApiError('NoSuchHealthCheck', `No health check exists with the specified ID ${id}`, { status: 404 });

export const noSuchChange = (id: string): ApiError =>
  new ApiError('NoSuchChange', `A change with the specified change ID does not exist: ${id}`, { status: 404 });

export const throttling = (): ApiError => new ApiError('Throttling', 'Rate exceeded', { status: 400 });

export const priorRequestNotComplete = (): ApiError =>
  new ApiError(
    'PriorRequestNotComplete',
    'The request was rejected because Route 53 was still processing a prior request.',
    { status: 400 },
  );

export const serviceUnavailable = (): ApiError =>
  new ApiError('ServiceUnavailable', 'Service Unavailable', { status: 503 });

export const noSuchCidrCollection = (id: string): ApiError =>
  new ApiError('NoSuchCidrCollectionException', `The CIDR collection with ID ${id} does not exist.`);

export const noSuchCidrLocation = (collectionId: string, location: string): ApiError =>
  new ApiError('NoSuchCidrLocationException', `The CIDR location ${location} does not exist in CIDR collection ${collectionId}.`);

export const limitsExceeded = (message: string): ApiError => new ApiError('LimitsExceeded', message);
