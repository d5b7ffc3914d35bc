/**
 * Where real Waldur (or its newer documentation) departs from its own 8.0.5 OpenAPI schema, and the
 * checker therefore allows it. Each entry names its source. Nothing else is exempt.
 */
export interface Deviation {
  id: string;
  what: string;
  source: string;
}

export const DEVIATIONS: Deviation[] = [
  {
    id: 'hex-uuid-in-responses',
    what: 'Responses carry UUIDs as 32 lower-case hex digits without dashes where the schema says `format: uuid`.',
    source: "waldur-behavior.md 1.6: Waldur's StringUUID renders as `.hex`; its tests compare against `uuid.hex`.",
  },
  {
    id: 'empty-uri',
    what: '`""` stands for an empty URL where the schema says `format: uri`: Waldur renders it, and a request sends it to clear the field (`comment_url`, `service_provider_comment_url`).',
    source: 'Django URLField(blank=True) stores and renders ""; waldur-behavior.md 2.4 ("" clears it).',
  },
  {
    id: 'newer-question-types',
    what: '`QuestionTypeEnum` also has `likert` and `rich_text` (with their `likert_*` and `rich_text_*` settings).',
    source: 'waldur-behavior.md section 3 (current 18-value enum from the generated TS client), newer than 8.0.5.',
  },
  {
    id: 'drf-error-bodies',
    what: 'Error statuses the schema does not list (400, 401, 403, 404, 405, 409, 429, 5xx) answer with DRF error bodies: `{"detail": str}`, `{field: [str]}`, or a bare array of messages.',
    source: 'waldur-behavior.md 1.7 (DRF 3.15 exception handler); drf-spectacular lists only success statuses.',
  },
  {
    id: 'outside-the-subset',
    what: '`GET /api/users/me/` (the caller, for consents recorded on their behalf) and `GET /api/` (the readiness probe) lie outside the marketplace subset; their answers are checked against what the gateway reads.',
    source: "Waldur core: `UserViewSet.me` and DRF's API root view; the subset schema covers only the four marketplace areas.",
  },
  {
    id: 'role-by-name',
    what: '`role` on `list_users` takes a role name (`SERVICE_PROVIDER.MANAGER`) as well as a UUID.',
    source: 'The 8.0.5 schema itself: the parameter is described as "Role UUID or name" while its format says uuid.',
  },
];

/** Request parameters that may break their declared format, by operation (deviation role-by-name). */
export const NAME_OR_UUID_PARAMS: Record<string, string[]> = { marketplace_service_providers_list_users_list: ['role'] };

/** Operations the gateway uses that the subset schema does not cover (deviation outside-the-subset). */
export const OUTSIDE_SUBSET: Record<string, { method: string; response: object }> = {
  '/api/': { method: 'GET', response: { type: 'object' } },
  '/api/users/me/': {
    method: 'GET',
    response: {
      type: 'object',
      required: ['uuid', 'username'],
      properties: { uuid: { type: 'string', pattern: '^[0-9a-f]{32}$' }, username: { type: 'string' } },
    },
  },
};

/** The 32-hex form Waldur emits; the dashed form is what the schema declares. */
export const HEX_UUID = /^[0-9a-f]{32}$/;
export const DASHED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** DRF's error bodies (deviation drf-error-bodies), as JSON Schema. */
export const DRF_ERROR_BODY = {
  anyOf: [
    { type: 'object', properties: { detail: { type: 'string' } }, required: ['detail'] },
    { type: 'object', additionalProperties: { anyOf: [{ type: 'array', items: {} }, { type: 'string' }, { type: 'object' }] } },
    { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object' }] } },
  ],
};
