// Types describing the (pruned) AWS service model JSON that drives request parsing, validation and
// response serialisation.

export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  xmlAttribute?: boolean;
  xmlNamespace?: { uri: string };
}

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'blob' | 'double' | 'float';
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  min?: number;
  max?: number;
  enum?: string[];
  pattern?: string;
  exception?: boolean;
  error?: { httpStatusCode?: number; code?: string; senderFault?: boolean };
  locationName?: string;
  flattened?: boolean;
  deprecated?: boolean;
  deprecatedMessage?: string;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string; locationName?: string; xmlNamespace?: { uri: string } };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  metadata: Record<string, string>;
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}
