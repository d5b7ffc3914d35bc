import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { schema } from '../src/schema/index.js';
import { operationCost, REST_CALL_COST } from '../src/server/limits/rules.js';
import { demoFor } from 'waldur-simulator/demo';
import { ROOT } from './helpers/gateway-process.js';
import { parsePath, useStack, type GqlResult, type TokenName } from './helpers/stack.js';

/**
 * Every operation of docs/frontend-screens.md, as written there (the page is what frontend
 * developers copy), against the simulator's seed: whole answers, and REST calls within what
 * HomePort makes for the same view.
 */
const DOC = readFileSync(join(ROOT, 'docs', 'frontend-screens.md'), 'utf8');
const OPERATIONS = new Map([...DOC.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => [/^(?:query|mutation) (\w+)/m.exec(m[1])![1], m[1]]));

const stack = useStack({ size: 60, inProcess: true });
const ids = () => demoFor(stack().sim).examples;

/** Runs a screen's operation and returns its answer, with the REST calls it made. */
async function screen(name: string, as: TokenName = 'owner', vars: Record<string, unknown> = { provider: ids().serviceProvider }) {
  const doc = OPERATIONS.get(name);
  if (!doc) throw new Error(`docs/frontend-screens.md has no operation ${name}`);
  const used = Object.fromEntries(Object.entries(vars).filter(([k]) => doc.includes(`$${k}`)));
  stack().sim.clearLog();
  const r: GqlResult = await stack().gql(doc, used, as);
  expect(r.errors, name).toBeUndefined();
  const calls = stack()
    .upstream()
    .map((x) => `${x.method} ${parsePath(x.path).pathname.replace(/[0-9a-f-]{32,36}/g, '{uuid}')}`);
  expect(r.upstreamCount).toBe(calls.length);
  return { data: r.data, calls };
}

const count = (calls: string[]) => calls.reduce<Record<string, number>>((o, c) => ({ ...o, [c]: (o[c] ?? 0) + 1 }), {});

describe("HomePort's screens, one request each (docs/frontend-screens.md)", () => {
  it('the page holds one operation per screen', () => {
    expect([...OPERATIONS.keys()]).toEqual([
      'ProviderOfferingUsers',
      'ProviderOfferingUsersExpanded',
      'OfferingUserStateDialog',
      'AppShell',
      'MyRemoteAccounts',
      'ProviderDashboardCards',
      'ProviderOrganizations',
      'ProviderProjects',
      'ProviderUsers',
      'ProviderOfferings',
      'ProviderTeam',
      'ProviderCompliance',
    ]);
  });

  it('provider › offering users, a page of 10: 2 calls (HomePort: 2)', async () => {
    const { data, calls } = await screen('ProviderOfferingUsers');
    expect(calls).toEqual(['GET /api/marketplace-service-providers/{uuid}/', 'GET /api/marketplace-offering-users/']);
    expect(data).toMatchInlineSnapshot(`
      {
        "serviceProvider": {
          "customerName": "Nordic HPC Centre",
          "offeringUsers": {
            "nodes": [
              {
                "allowedTransitions": [
                  "REQUEST_DELETION",
                ],
                "offering": {
                  "name": "Allas object storage",
                },
                "state": "OK",
                "user": {
                  "email": "ulla.ilves@example.org",
                  "fullName": "Ulla Ilves",
                },
                "username": "ulla_ilves_allas",
                "uuid": "4c7bb34534cd42a3924ac518c2e44039",
              },
              {
                "allowedTransitions": [
                  "REQUEST_DELETION",
                ],
                "offering": {
                  "name": "Allas object storage",
                },
                "state": "OK",
                "user": {
                  "email": "liis.nielsen@example.org",
                  "fullName": "Liis Nielsen",
                },
                "username": "liis_nielsen_allas",
                "uuid": "390c80cee63c4ac3bb3cd40cf60c5ab1",
              },
              {
                "allowedTransitions": [
                  "SET_ERROR_DELETING",
                  "SET_DELETING",
                ],
                "offering": {
                  "name": "Allas object storage",
                },
                "state": "DELETION_REQUESTED",
                "user": {
                  "email": "lars.korhonen2@example.org",
                  "fullName": "Lars Korhonen",
                },
                "username": "lars_korhonen2_allas",
                "uuid": "913775df9fbb489d9c146f4d8aa946b7",
              },
              {
                "allowedTransitions": [
                  "BEGIN_CREATING",
                  "SET_OK",
                  "SET_ERROR_CREATING",
                ],
                "offering": {
                  "name": "LUMI-G GPU partition",
                },
                "state": "REQUESTED",
                "user": {
                  "email": "ulla.johansson@example.org",
                  "fullName": "Ulla Johansson",
                },
                "username": null,
                "uuid": "5826ea45b03841af956b20f450030642",
              },
              {
                "allowedTransitions": [
                  "REQUEST_DELETION",
                ],
                "offering": {
                  "name": "LUMI-G GPU partition",
                },
                "state": "OK",
                "user": {
                  "email": "sofia.kalnins@example.org",
                  "fullName": "Sofia Kalnins",
                },
                "username": "sofia_kalnins_lumi-",
                "uuid": "17523b7878d44763a850b312299dd2b4",
              },
              {
                "allowedTransitions": [
                  "SET_PENDING_ACCOUNT_LINKING",
                  "SET_VALIDATION_COMPLETE",
                  "SET_OK",
                  "SET_ERROR_CREATING",
                ],
                "offering": {
                  "name": "LUMI-G GPU partition",
                },
                "state": "PENDING_ADDITIONAL_VALIDATION",
                "user": {
                  "email": "emil.magi2@example.org",
                  "fullName": "Emil Magi",
                },
                "username": null,
                "uuid": "4c315a88f480480ea5130135c4615f8c",
              },
              {
                "allowedTransitions": [],
                "offering": {
                  "name": "Puhti HPC cluster",
                },
                "state": "DELETED",
                "user": {
                  "email": "emil.makela@example.org",
                  "fullName": "Emil Makela",
                },
                "username": "emil_makela_puhti",
                "uuid": "82d992fe376740679e0d5b110827dec1",
              },
              {
                "allowedTransitions": [
                  "REQUEST_DELETION",
                ],
                "offering": {
                  "name": "Puhti HPC cluster",
                },
                "state": "OK",
                "user": {
                  "email": "uma.user@example.org",
                  "fullName": "Uma User",
                },
                "username": "uma_user_puhti",
                "uuid": "c34922de5a9d4397abb32a6f5027f0e9",
              },
              {
                "allowedTransitions": [
                  "REQUEST_DELETION",
                ],
                "offering": {
                  "name": "LUMI-G GPU partition",
                },
                "state": "OK",
                "user": {
                  "email": "ott.kalnins@example.org",
                  "fullName": "Ott Kalnins",
                },
                "username": "ott_kalnins_lumi-",
                "uuid": "6b82bd3d56d64578a2f9978ec2c291ad",
              },
              {
                "allowedTransitions": [],
                "offering": {
                  "name": "LUMI-G GPU partition",
                },
                "state": "DELETED",
                "user": {
                  "email": "signe.hansen@example.org",
                  "fullName": "Signe Hansen",
                },
                "username": "signe_hansen_lumi-",
                "uuid": "d800f3a1e32c4503acac04a70e589543",
              },
            ],
            "totalCount": 29,
          },
        },
      }
    `);
  });

  it('the same with every row expanded: 2 + 1 per row + 1 per row with a checklist (HomePort: 2 + 2 per row)', async () => {
    const { data, calls } = await screen('ProviderOfferingUsersExpanded');
    const rows = data.serviceProvider.offeringUsers.nodes.length;
    expect(rows).toBe(10);
    const c = count(calls);
    expect(c['GET /api/marketplace-user-offering-consents/']).toBe(rows);
    expect(calls.length).toBeLessThanOrEqual(2 + 2 * rows);
    expect(data).toMatchInlineSnapshot(`
      {
        "serviceProvider": {
          "offeringUsers": {
            "nodes": [
              {
                "completionStatus": null,
                "consent": null,
                "state": "OK",
                "username": "ulla_ilves_allas",
              },
              {
                "completionStatus": null,
                "consent": null,
                "state": "OK",
                "username": "liis_nielsen_allas",
              },
              {
                "completionStatus": null,
                "consent": null,
                "state": "DELETION_REQUESTED",
                "username": "lars_korhonen2_allas",
              },
              {
                "completionStatus": {
                  "completionPercentage": 53.8,
                  "isCompleted": false,
                },
                "consent": null,
                "state": "REQUESTED",
                "username": null,
              },
              {
                "completionStatus": {
                  "completionPercentage": 0,
                  "isCompleted": false,
                },
                "consent": null,
                "state": "OK",
                "username": "sofia_kalnins_lumi-",
              },
              {
                "completionStatus": {
                  "completionPercentage": 53.8,
                  "isCompleted": false,
                },
                "consent": null,
                "state": "PENDING_ADDITIONAL_VALIDATION",
                "username": null,
              },
              {
                "completionStatus": {
                  "completionPercentage": 0,
                  "isCompleted": false,
                },
                "consent": null,
                "state": "DELETED",
                "username": "emil_makela_puhti",
              },
              {
                "completionStatus": {
                  "completionPercentage": 53.8,
                  "isCompleted": false,
                },
                "consent": null,
                "state": "OK",
                "username": "uma_user_puhti",
              },
              {
                "completionStatus": {
                  "completionPercentage": 0,
                  "isCompleted": false,
                },
                "consent": null,
                "state": "OK",
                "username": "ott_kalnins_lumi-",
              },
              {
                "completionStatus": {
                  "completionPercentage": 53.8,
                  "isCompleted": false,
                },
                "consent": null,
                "state": "DELETED",
                "username": "signe_hansen_lumi-",
              },
            ],
          },
        },
      }
    `);
  });

  it('my remote accounts with the "action required" count: 2 calls after the app shell (HomePort: 2)', async () => {
    const shell = await screen('AppShell', 'user');
    expect(shell.calls).toEqual(['GET /api/users/me/']);
    expect(shell.data).toMatchInlineSnapshot(`
      {
        "viewer": {
          "fullName": "Uma User",
          "isStaff": false,
          "isSupport": false,
          "username": "uma.user",
          "uuid": "d197abbf40f54be6ae6ce2b9423630aa",
        },
      }
    `);
    const { data, calls } = await screen('MyRemoteAccounts', 'user');
    expect(calls.sort()).toEqual(['GET /api/marketplace-offering-users/', 'HEAD /api/marketplace-offering-users/']);
    expect(data.viewer.offeringUsers.totalCount).toBeGreaterThan(0);
    expect(data).toMatchInlineSnapshot(`
      {
        "viewer": {
          "actionRequired": {
            "totalCount": 1,
          },
          "offeringUsers": {
            "nodes": [
              {
                "offering": {
                  "name": "Puhti HPC cluster",
                },
                "state": "OK",
                "username": "uma_user_puhti",
                "uuid": "c34922de5a9d4397abb32a6f5027f0e9",
              },
              {
                "offering": {
                  "name": "LUMI-G GPU partition",
                },
                "state": "REQUESTED",
                "username": null,
                "uuid": "3097fee300ef43f19b63d639aea3cc75",
              },
              {
                "offering": {
                  "name": "Allas object storage",
                },
                "state": "PENDING_ACCOUNT_LINKING",
                "username": null,
                "uuid": "d03340db3b8347a5b3376a456918be36",
              },
            ],
            "totalCount": 3,
          },
        },
      }
    `);
  });

  it('provider dashboard: statistics and revenue at once, 2 calls (HomePort: 3)', async () => {
    const { data, calls } = await screen('ProviderDashboardCards');
    expect(calls.sort()).toEqual(['GET /api/marketplace-service-providers/{uuid}/revenue/', 'GET /api/marketplace-service-providers/{uuid}/stat/']);
    expect(data).toMatchInlineSnapshot(`
      {
        "serviceProvider": {
          "revenue": [
            {
              "month": 11,
              "total": 10371,
              "year": 2025,
            },
            {
              "month": 12,
              "total": 11017,
              "year": 2025,
            },
            {
              "month": 1,
              "total": 9878,
              "year": 2026,
            },
            {
              "month": 2,
              "total": 11890,
              "year": 2026,
            },
            {
              "month": 3,
              "total": 12861,
              "year": 2026,
            },
            {
              "month": 4,
              "total": 11404,
              "year": 2026,
            },
            {
              "month": 5,
              "total": 11743,
              "year": 2026,
            },
            {
              "month": 6,
              "total": 11950,
              "year": 2026,
            },
            {
              "month": 7,
              "total": 10084,
              "year": 2026,
            },
            {
              "month": 8,
              "total": 12697,
              "year": 2026,
            },
            {
              "month": 9,
              "total": 12247,
              "year": 2026,
            },
            {
              "month": 10,
              "total": 12399,
              "year": 2026,
            },
          ],
          "statistics": {
            "activeResources": 22,
            "currentCustomers": 6,
            "erredResources": 1,
            "pendingOrders": 8,
            "unresolvedTickets": 2,
          },
          "uuid": "067ffe11a51f4dec9c382791bf2c43e0",
        },
      }
    `);
  });

  it("provider › organizations with each row's projects: 1 + 1 per row (HomePort: 2 + 1 per row)", async () => {
    const { data, calls } = await screen('ProviderOrganizations');
    const rows = data.serviceProvider.customers.nodes.length;
    expect(rows).toBeGreaterThan(1);
    expect(count(calls)).toEqual({
      'GET /api/marketplace-service-providers/{uuid}/customers/': 1,
      'GET /api/marketplace-service-providers/{uuid}/customer_projects/': rows,
    });
    expect(data).toMatchInlineSnapshot(`
      {
        "serviceProvider": {
          "customers": {
            "nodes": [
              {
                "abbreviation": "AU",
                "customerProjects": {
                  "nodes": [
                    {
                      "endDate": "2028-12-31",
                      "name": "Epidemiology (AU)",
                      "resourcesCount": 2,
                    },
                    {
                      "endDate": "2027-12-31",
                      "name": "Hydrology (AU)",
                      "resourcesCount": 1,
                    },
                    {
                      "endDate": "2029-12-31",
                      "name": "Materials simulation (AU)",
                      "resourcesCount": 1,
                    },
                    {
                      "endDate": "2027-12-31",
                      "name": "Protein folding (AU)",
                      "resourcesCount": 1,
                    },
                  ],
                  "totalCount": 4,
                },
                "name": "Aalto University",
                "projectsCount": 4,
              },
              {
                "abbreviation": "KRIoT",
                "customerProjects": {
                  "nodes": [
                    {
                      "endDate": "2027-12-31",
                      "name": "Language models (KRIoT)",
                      "resourcesCount": 1,
                    },
                    {
                      "endDate": "2027-12-31",
                      "name": "Materials simulation (KRIoT)",
                      "resourcesCount": 1,
                    },
                    {
                      "endDate": "2028-12-31",
                      "name": "Protein folding (KRIoT)",
                      "resourcesCount": 1,
                    },
                  ],
                  "totalCount": 3,
                },
                "name": "KTH Royal Institute of Technology",
                "projectsCount": 3,
              },
              {
                "abbreviation": "RTU",
                "customerProjects": {
                  "nodes": [
                    {
                      "endDate": "2028-12-31",
                      "name": "Astrophysics (RTU)",
                      "resourcesCount": 1,
                    },
                    {
                      "endDate": "2027-12-31",
                      "name": "Hydrology (RTU)",
                      "resourcesCount": 1,
                    },
                    {
                      "endDate": "2027-12-31",
                      "name": "Particle physics (RTU)",
                      "resourcesCount": 2,
                    },
                  ],
                  "totalCount": 3,
                },
                "name": "Riga Technical University",
                "projectsCount": 3,
              },
              {
                "abbreviation": "TUoT",
                "customerProjects": {
                  "nodes": [
                    {
                      "endDate": "2029-12-31",
                      "name": "Astrophysics (TUoT)",
                      "resourcesCount": 2,
                    },
                    {
                      "endDate": "2028-12-31",
                      "name": "Hydrology (TUoT)",
                      "resourcesCount": 2,
                    },
                  ],
                  "totalCount": 2,
                },
                "name": "Tallinn University of Technology",
                "projectsCount": 2,
              },
              {
                "abbreviation": "UoO",
                "customerProjects": {
                  "nodes": [
                    {
                      "endDate": "2028-12-31",
                      "name": "Genome assembly (UoO)",
                      "resourcesCount": 1,
                    },
                    {
                      "endDate": "2027-12-31",
                      "name": "Urban mobility (UoO)",
                      "resourcesCount": 2,
                    },
                  ],
                  "totalCount": 2,
                },
                "name": "University of Oslo",
                "projectsCount": 2,
              },
              {
                "abbreviation": "UoT",
                "customerProjects": {
                  "nodes": [
                    {
                      "endDate": "2027-12-31",
                      "name": "Epidemiology (UoT)",
                      "resourcesCount": 2,
                    },
                    {
                      "endDate": "2029-12-31",
                      "name": "Hydrology (UoT)",
                      "resourcesCount": 2,
                    },
                  ],
                  "totalCount": 2,
                },
                "name": "University of Tartu",
                "projectsCount": 2,
              },
            ],
            "totalCount": 6,
          },
        },
      }
    `);
  });

  it('provider › projects: 1 call (HomePort: 2)', async () => {
    const { data, calls } = await screen('ProviderProjects');
    expect(calls).toEqual(['GET /api/marketplace-service-providers/{uuid}/projects/']);
    expect(data).toMatchInlineSnapshot(`
      {
        "serviceProvider": {
          "projects": {
            "nodes": [
              {
                "customerName": "Riga Technical University",
                "endDate": "2028-12-31",
                "name": "Astrophysics (RTU)",
                "resourcesCount": 1,
                "startDate": "2025-06-11",
              },
              {
                "customerName": "Tallinn University of Technology",
                "endDate": "2029-12-31",
                "name": "Astrophysics (TUoT)",
                "resourcesCount": 2,
                "startDate": "2025-01-22",
              },
              {
                "customerName": "Aalto University",
                "endDate": "2028-12-31",
                "name": "Epidemiology (AU)",
                "resourcesCount": 2,
                "startDate": "2025-10-19",
              },
              {
                "customerName": "University of Tartu",
                "endDate": "2027-12-31",
                "name": "Epidemiology (UoT)",
                "resourcesCount": 2,
                "startDate": "2025-10-19",
              },
              {
                "customerName": "University of Oslo",
                "endDate": "2028-12-31",
                "name": "Genome assembly (UoO)",
                "resourcesCount": 1,
                "startDate": "2026-08-13",
              },
              {
                "customerName": "Aalto University",
                "endDate": "2027-12-31",
                "name": "Hydrology (AU)",
                "resourcesCount": 1,
                "startDate": "2025-03-08",
              },
              {
                "customerName": "Riga Technical University",
                "endDate": "2027-12-31",
                "name": "Hydrology (RTU)",
                "resourcesCount": 1,
                "startDate": "2025-03-11",
              },
              {
                "customerName": "Tallinn University of Technology",
                "endDate": "2028-12-31",
                "name": "Hydrology (TUoT)",
                "resourcesCount": 2,
                "startDate": "2026-05-13",
              },
              {
                "customerName": "University of Tartu",
                "endDate": "2029-12-31",
                "name": "Hydrology (UoT)",
                "resourcesCount": 2,
                "startDate": "2025-02-07",
              },
              {
                "customerName": "KTH Royal Institute of Technology",
                "endDate": "2027-12-31",
                "name": "Language models (KRIoT)",
                "resourcesCount": 1,
                "startDate": "2025-10-23",
              },
            ],
            "totalCount": 16,
          },
        },
      }
    `);
  });

  it("provider › users with each user's organizations: 1 + 1 per row (HomePort: 2 + 1 per row)", async () => {
    const { data, calls } = await screen('ProviderUsers');
    const rows = data.serviceProvider.users.nodes.length;
    expect(rows).toBe(10);
    expect(count(calls)).toEqual({
      'GET /api/marketplace-service-providers/{uuid}/users/': 1,
      'GET /api/marketplace-service-providers/{uuid}/user_customers/': rows,
    });
    expect(data).toMatchInlineSnapshot(`
      {
        "serviceProvider": {
          "users": {
            "nodes": [
              {
                "customers": {
                  "nodes": [
                    {
                      "name": "University of Tartu",
                    },
                  ],
                  "totalCount": 1,
                },
                "fullName": "Agnese Hansen",
                "projectsCount": 1,
                "username": "agnese.hansen",
              },
              {
                "customers": {
                  "nodes": [
                    {
                      "name": "University of Tartu",
                    },
                  ],
                  "totalCount": 1,
                },
                "fullName": "Agnese Kalnins",
                "projectsCount": 1,
                "username": "agnese.kalnins",
              },
              {
                "customers": {
                  "nodes": [
                    {
                      "name": "Riga Technical University",
                    },
                  ],
                  "totalCount": 1,
                },
                "fullName": "Agnese Korhonen",
                "projectsCount": 1,
                "username": "agnese.korhonen",
              },
              {
                "customers": {
                  "nodes": [
                    {
                      "name": "KTH Royal Institute of Technology",
                    },
                  ],
                  "totalCount": 1,
                },
                "fullName": "Aino Jensen",
                "projectsCount": 1,
                "username": "aino.jensen2",
              },
              {
                "customers": {
                  "nodes": [
                    {
                      "name": "Riga Technical University",
                    },
                  ],
                  "totalCount": 1,
                },
                "fullName": "Aino Johansson",
                "projectsCount": 1,
                "username": "aino.johansson2",
              },
              {
                "customers": {
                  "nodes": [
                    {
                      "name": "Riga Technical University",
                    },
                  ],
                  "totalCount": 1,
                },
                "fullName": "Aino Kalnins",
                "projectsCount": 1,
                "username": "aino.kalnins",
              },
              {
                "customers": {
                  "nodes": [
                    {
                      "name": "KTH Royal Institute of Technology",
                    },
                  ],
                  "totalCount": 1,
                },
                "fullName": "Aino Koppel",
                "projectsCount": 1,
                "username": "aino.koppel",
              },
              {
                "customers": {
                  "nodes": [
                    {
                      "name": "Aalto University",
                    },
                  ],
                  "totalCount": 1,
                },
                "fullName": "Aino Sepp",
                "projectsCount": 1,
                "username": "aino.sepp",
              },
              {
                "customers": {
                  "nodes": [
                    {
                      "name": "KTH Royal Institute of Technology",
                    },
                  ],
                  "totalCount": 1,
                },
                "fullName": "Anna Ilves",
                "projectsCount": 1,
                "username": "anna.ilves",
              },
              {
                "customers": {
                  "nodes": [
                    {
                      "name": "KTH Royal Institute of Technology",
                    },
                  ],
                  "totalCount": 1,
                },
                "fullName": "Anna Jensen",
                "projectsCount": 1,
                "username": "anna.jensen",
              },
            ],
            "totalCount": 151,
          },
        },
      }
    `);
  });

  it('provider › offerings: 1 call (HomePort: 2)', async () => {
    const { data, calls } = await screen('ProviderOfferings');
    expect(calls).toEqual(['GET /api/marketplace-service-providers/{uuid}/offerings/']);
    expect(data).toMatchInlineSnapshot(`
      {
        "serviceProvider": {
          "offerings": {
            "nodes": [
              {
                "name": "Allas object storage",
                "resourcesCount": 6,
                "state": "Active",
                "type": "Marketplace.Basic",
              },
              {
                "name": "Legacy batch service",
                "resourcesCount": 6,
                "state": "Paused",
                "type": "Marketplace.Slurm",
              },
              {
                "name": "LUMI-G GPU partition",
                "resourcesCount": 5,
                "state": "Active",
                "type": "Marketplace.Slurm",
              },
              {
                "name": "Puhti HPC cluster",
                "resourcesCount": 6,
                "state": "Active",
                "type": "Marketplace.Slurm",
              },
            ],
            "totalCount": 4,
          },
        },
      }
    `);
  });

  it('provider › team: 1 call (HomePort: 2)', async () => {
    const { data, calls } = await screen('ProviderTeam');
    expect(calls).toEqual(['GET /api/marketplace-service-providers/{uuid}/list_users/']);
    expect(data).toMatchInlineSnapshot(`
      {
        "serviceProvider": {
          "teamMembers": {
            "nodes": [
              {
                "expirationTime": "2027-06-30T00:00:00.000000Z",
                "roleName": "SERVICE_PROVIDER.SUPPORT",
                "userEmail": "liis.hansen@example.org",
                "userFullName": "Liis Hansen",
              },
              {
                "expirationTime": null,
                "roleName": "SERVICE_PROVIDER.MANAGER",
                "userEmail": "martin.manager@example.org",
                "userFullName": "Martin Manager",
              },
              {
                "expirationTime": null,
                "roleName": "SERVICE_PROVIDER.SUPPORT",
                "userEmail": "piret.lepik@example.org",
                "userFullName": "Piret Lepik",
              },
            ],
            "totalCount": 3,
          },
        },
      }
    `);
  });

  it('provider › compliance: 1 call (HomePort: 2)', async () => {
    const { data, calls } = await screen('ProviderCompliance');
    expect(calls).toEqual(['GET /api/marketplace-service-providers/{uuid}/compliance/offering_users/']);
    expect(data).toMatchInlineSnapshot(`
      {
        "serviceProvider": {
          "compliance": {
            "offeringUsers": {
              "nodes": [
                {
                  "completionPercentage": null,
                  "complianceStatus": "NO_CHECKLIST",
                  "offeringName": "Allas object storage",
                  "username": "olaf_andersen_allas",
                },
                {
                  "completionPercentage": null,
                  "complianceStatus": "NO_CHECKLIST",
                  "offeringName": "Allas object storage",
                  "username": null,
                },
                {
                  "completionPercentage": null,
                  "complianceStatus": "NO_CHECKLIST",
                  "offeringName": "Allas object storage",
                  "username": null,
                },
                {
                  "completionPercentage": null,
                  "complianceStatus": "NO_CHECKLIST",
                  "offeringName": "Allas object storage",
                  "username": "ulla_ilves_allas",
                },
                {
                  "completionPercentage": null,
                  "complianceStatus": "NO_CHECKLIST",
                  "offeringName": "Allas object storage",
                  "username": "ulla_kask_allas",
                },
                {
                  "completionPercentage": null,
                  "complianceStatus": "NO_CHECKLIST",
                  "offeringName": "Allas object storage",
                  "username": "nils_koppel_allas",
                },
                {
                  "completionPercentage": null,
                  "complianceStatus": "NO_CHECKLIST",
                  "offeringName": "Allas object storage",
                  "username": "lars_korhonen2_allas",
                },
                {
                  "completionPercentage": null,
                  "complianceStatus": "NO_CHECKLIST",
                  "offeringName": "Allas object storage",
                  "username": "signe_korhonen_allas",
                },
                {
                  "completionPercentage": null,
                  "complianceStatus": "NO_CHECKLIST",
                  "offeringName": "Allas object storage",
                  "username": "kadri_lepik_allas",
                },
                {
                  "completionPercentage": null,
                  "complianceStatus": "NO_CHECKLIST",
                  "offeringName": "Allas object storage",
                  "username": "emil_lindqvist_allas",
                },
              ],
              "totalCount": 29,
            },
          },
        },
      }
    `);
  });

  it("the cost model counts each row's own list: ten rows with their projects weigh ten calls more than the rows alone", () => {
    const doc = OPERATIONS.get('ProviderOrganizations')!;
    const cost = (d: string) => operationCost(schema, parse(d), null, { provider: ids().serviceProvider });
    const without = doc.replace(/customerProjects\(first: 5\) \{ totalCount nodes \{ name endDate resourcesCount \} \}/, '');
    expect(without).not.toBe(doc);
    // Per row: the field, one REST call, totalCount, and nodes with three fields for each of five rows.
    expect(cost(doc) - cost(without)).toBe(10 * (1 + REST_CALL_COST + 1 + (1 + 5 * 3)));
  });

  it('a provider that does not exist still says so, through its lists', async () => {
    const r = await stack().gql(OPERATIONS.get('ProviderOrganizations')!, { provider: '0'.repeat(32) }, 'owner');
    expect(r.data).toEqual({ serviceProvider: { customers: null } });
    expect(r.errors).toEqual([expect.objectContaining({ path: ['serviceProvider', 'customers'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    const plain = await stack().gql(OPERATIONS.get('ProviderProjects')!, { provider: ids().serviceProvider }, 'user');
    expect(plain.errors).toEqual([
      expect.objectContaining({ path: ['serviceProvider', 'projects'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
  });

  it('offering user state dialog: the transition and the account as it now is, 2 calls (HomePort: 2)', async () => {
    // An account the dialog's transition applies to, as the row's buttons (allowedTransitions) show.
    const pick = await stack().gql(
      '{ offeringUsers(first: 1, orderBy: [USERNAME_ASC], filter: { state: [CREATING, PENDING_ADDITIONAL_VALIDATION] }) { nodes { uuid allowedTransitions } } }',
      {},
      'owner',
    );
    const account = pick.data.offeringUsers.nodes[0];
    expect(account.allowedTransitions).toContain('SET_PENDING_ACCOUNT_LINKING');
    const { data, calls } = await screen('OfferingUserStateDialog', 'owner', { account: account.uuid });
    expect(data.setOfferingUserPendingAccountLinking.__typename).toBe('SetOfferingUserPendingAccountLinkingSuccess');
    expect(calls).toEqual(['POST /api/marketplace-offering-users/{uuid}/set_pending_account_linking/', 'GET /api/marketplace-offering-users/{uuid}/']);
    expect(data).toMatchInlineSnapshot(`
      {
        "setOfferingUserPendingAccountLinking": {
          "__typename": "SetOfferingUserPendingAccountLinkingSuccess",
          "offeringUser": {
            "allowedTransitions": [
              "SET_PENDING_ADDITIONAL_VALIDATION",
              "SET_VALIDATION_COMPLETE",
              "SET_OK",
              "SET_ERROR_CREATING",
            ],
            "id": "T2ZmZXJpbmdVc2VyOjRjMzE1YTg4ZjQ4MDQ4MGVhNTEzMDEzNWM0NjE1Zjhj",
            "serviceProviderComment": "Link your account in the portal",
            "state": "PENDING_ACCOUNT_LINKING",
            "uuid": "4c315a88f480480ea5130135c4615f8c",
          },
        },
      }
    `);
  });
});
