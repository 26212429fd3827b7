// ChangeTagsForResource and ListTagsForResource for hosted zones and health checks.
import { invalidInput, noSuchHealthCheck, noSuchHostedZone } from '../errors.js';
import { bareId, type Backend, type Handler } from '../backend.js';

const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function resourceKey(b: Backend, type: string, id: string): string {
  const bare = bareId(id);
  if (type === 'hostedzone' && !b.state.zones[bare]) throw noSuchHostedZone(bare);
  if (type === 'healthcheck' && !b.state.healthChecks[bare]) throw noSuchHealthCheck(bare);
  return `${type}/${bare}`;
}

const changeTagsForResource: Handler = (b, input) => {
  const key = resourceKey(b, String(input.ResourceType), String(input.ResourceId));
  const add = (input.AddTags as { Key?: string; Value?: string }[] | undefined) ?? [];
  for (const tag of add) {
    if (tag.Value !== undefined && !TAG_VALUE.test(tag.Value)) {
      throw invalidInput(`Invalid tag value '${tag.Value}': tag values may contain only letters, digits, spaces and _ . : / = + - @`);
    }
  }
  const tags = { ...(b.state.tags[key] ?? {}) };
  for (const k of (input.RemoveTagKeys as string[] | undefined) ?? []) delete tags[k];
  for (const tag of add) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  b.state.tags[key] = tags;
  return {};
};

const listTagsForResource: Handler = (b, input) => {
  const type = String(input.ResourceType);
  const key = resourceKey(b, type, String(input.ResourceId));
  const tags = b.state.tags[key] ?? {};
  return {
    ResourceTagSet: {
      ResourceType: type,
      ResourceId: bareId(String(input.ResourceId)),
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    },
  };
};

export const tagHandlers: Record<string, Handler> = {
  ChangeTagsForResource: changeTagsForResource,
  ListTagsForResource: listTagsForResource,
};
