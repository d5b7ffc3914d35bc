import { beforeEach, describe, expect, it } from 'vitest';
import { seedLookups, useStack, type Stack } from './helpers/stack.js';

/**
 * Whole answers over the deterministic seed: every field of the response is asserted, so a field
 * that changes name, value, nullability or order shows up here. UUIDs and dates vary with the seed
 * run and are left out of the selections.
 */
const use = useStack({ inProcess: true });
let stack: Stack;
beforeEach(() => {
  stack = use();
});
const { offering, provider, accountOf } = seedLookups(() => stack);

describe('whole responses', () => {
  it('a service provider with its organisation groups and team', async () => {
    const r = await stack.gql(
      `query($u: UUID!) { serviceProvider(uuid: $u) { customerName customerAbbreviation description offeringCount enableNotifications
        organizationGroups { name parentName customersCount } teamMembers(first: 5, orderBy: [USERNAME_ASC]) { totalCount nodes { userUsername roleName } } } }`,
      { u: provider('NHPC').uuid },
      'staff',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toMatchInlineSnapshot(`
      {
        "serviceProvider": {
          "customerAbbreviation": "NHPC",
          "customerName": "Nordic HPC Centre",
          "description": "Nordic HPC Centre offers research computing services to Nordic and Baltic institutions.",
          "enableNotifications": true,
          "offeringCount": 4,
          "organizationGroups": [
            {
              "customersCount": 5,
              "name": "Nordic research network",
              "parentName": null,
            },
          ],
          "teamMembers": {
            "nodes": [
              {
                "roleName": "SERVICE_PROVIDER.SUPPORT",
                "userUsername": "liis.hansen",
              },
              {
                "roleName": "SERVICE_PROVIDER.MANAGER",
                "userUsername": "martin.manager",
              },
              {
                "roleName": "SERVICE_PROVIDER.SUPPORT",
                "userUsername": "piret.lepik",
              },
            ],
            "totalCount": 3,
          },
        },
      }
    `);
    expect(r.upstreamCount).toBe(2);
  });

  it("an offering's checklist template, question by question", async () => {
    const r = await stack.gql(
      `query($o: UUID!) { offeringChecklistTemplate(offeringUuid: $o) { checklist { name checklistType }
        questions { description questionType required order ... on ChecklistTemplateQuestion { dependencyLogic alwaysRequiresReview } }
        initialVisibleQuestions { description } } }`,
      { o: offering('Puhti HPC cluster').uuid },
      'staff',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toMatchInlineSnapshot(`
      {
        "offeringChecklistTemplate": {
          "checklist": {
            "checklistType": "OFFERING_COMPLIANCE",
            "name": "HPC access compliance",
          },
          "initialVisibleQuestions": [
            {
              "description": "Do you accept the acceptable use policy?",
            },
            {
              "description": "Which research field does your work belong to?",
            },
            {
              "description": "Expected core-hours per month",
            },
            {
              "description": "Which categories of data will you process?",
            },
            {
              "description": "When does your project end?",
            },
            {
              "description": "How experienced are you with Linux?",
            },
            {
              "description": "Contact e-mail for security incidents",
            },
            {
              "description": "Country of your home organisation",
            },
            {
              "description": "Rate the onboarding documentation (1-5)",
            },
            {
              "description": "Link to your project page",
            },
            {
              "description": "Describe the planned workload",
            },
          ],
          "questions": [
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Do you accept the acceptable use policy?",
              "order": 1,
              "questionType": "BOOLEAN",
              "required": true,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Which research field does your work belong to?",
              "order": 2,
              "questionType": "SINGLE_SELECT",
              "required": true,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Describe your research field",
              "order": 3,
              "questionType": "TEXT_INPUT",
              "required": true,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Expected core-hours per month",
              "order": 4,
              "questionType": "NUMBER",
              "required": false,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Which categories of data will you process?",
              "order": 5,
              "questionType": "MULTI_SELECT",
              "required": false,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "When does your project end?",
              "order": 6,
              "questionType": "DATE",
              "required": true,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Upload the signed acceptable use policy",
              "order": 7,
              "questionType": "FILE",
              "required": false,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "How experienced are you with Linux?",
              "order": 8,
              "questionType": "LIKERT",
              "required": false,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Contact e-mail for security incidents",
              "order": 9,
              "questionType": "EMAIL",
              "required": true,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Country of your home organisation",
              "order": 10,
              "questionType": "COUNTRY",
              "required": false,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Rate the onboarding documentation (1-5)",
              "order": 11,
              "questionType": "RATING",
              "required": false,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Link to your project page",
              "order": 12,
              "questionType": "URL",
              "required": false,
            },
            {
              "alwaysRequiresReview": false,
              "dependencyLogic": "AND",
              "description": "Describe the planned workload",
              "order": 13,
              "questionType": "RICH_TEXT",
              "required": false,
            },
          ],
        },
      }
    `);
  });

  it('a transition from the wrong state: the typed error, whole', async () => {
    const ou = accountOf('uma.user', 'Puhti HPC cluster')!;
    const r = await stack.gql(
      `mutation($u: UUID!) { r: setOfferingUserDeleted(input: { uuid: $u }) { __typename ... on Error { message } ... on InvalidTransitionError { currentState allowedSourceStates } } }`,
      { u: ou.uuid },
      'staff',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toMatchInlineSnapshot(`
      {
        "r": {
          "__typename": "InvalidTransitionError",
          "allowedSourceStates": [
            "DELETING",
          ],
          "currentState": "OK",
          "message": "Cannot move the offering user to DELETED: it is OK; allowed only from DELETING.",
        },
      }
    `);
    expect(r.upstreamCount).toBe(1);
  });
});
