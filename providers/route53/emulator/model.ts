import { SERVICE_MODEL } from './service-model.generated.js';
import type { OperationModel, Shape } from './model-types.js';

export const XML_NAMESPACE = 'https://route53.amazonaws.com/doc/2013-04-01/';

export function shape(name: string): Shape {
  const s = SERVICE_MODEL.shapes[name];
  if (!s) throw new Error(`unknown shape ${name}`);
  return s;
}

export function operation(name: string): OperationModel {
  const op = SERVICE_MODEL.operations[name];
  if (!op) throw new Error(`unknown operation ${name}`);
  return op;
}

export function operationNames(): string[] {
  return Object.keys(SERVICE_MODEL.operations);
}

export function enumValues(shapeName: string): readonly string[] {
  return shape(shapeName).enum ?? [];
}
