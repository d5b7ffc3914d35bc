import { randomUUID } from 'node:crypto';
import type { ChecklistQuestion } from './checklist-logic.js';
/** The simulator's in-memory database. Plain records keyed by hex UUID. */
export interface User {
  /** Waldur's integer primary key; answers and reviews refer to users by it. */
  id: number;
  uuid: string;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  is_staff: boolean;
  is_support: boolean;
  is_active: boolean;
  phone_number: string;
  organization: string;
  job_title: string;
  affiliations: string[];
  civil_number: string | null;
  birth_date: string | null;
  nationality: string;
  country_of_residence: string;
}

export interface Customer {
  organization_group_uuids: string[];
  archived: boolean;
  uuid: string;
  name: string;
  abbreviation: string;
  slug: string;
  native_name: string;
  country: string;
  email: string;
}

export interface Project {
  uuid: string;
  name: string;
  customer_uuid: string;
  description: string;
  created: string;
  slug?: string;
  start_date?: string | null;
  end_date?: string | null;
  backend_id?: string;
  is_removed?: boolean;
}

export interface OrganizationGroup {
  uuid: string;
  name: string;
  parent_uuid: string | null;
}

export interface Resource {
  uuid: string;
  name: string;
  offering_uuid: string;
  project_uuid: string;
  state: 'OK' | 'Erred' | 'Creating' | 'Terminated';
  created: string;
}

export interface SshKey {
  uuid: string;
  user_uuid: string;
  name: string;
  public_key: string;
  fingerprint_md5: string;
  fingerprint_sha256: string;
  fingerprint_sha512: string;
  is_shared: boolean;
  type: string;
  created: string;
}

export interface ServiceAccount {
  uuid: string;
  kind: 'project' | 'course';
  project_uuid: string;
  /** Course accounts belong to a user; project service accounts to nobody. */
  user_uuid: string | null;
  username: string | null;
  email: string;
  description: string;
  state: 'OK' | 'Closed' | 'Erred';
  created: string;
  modified: string;
}

export interface InvoiceItem {
  offering_uuid: string;
  year: number;
  month: number;
  total: number;
}

export interface RobotAccount {
  uuid: string;
  resource_uuid: string;
  username: string;
}

export interface Role {
  uuid: string;
  name: string;
  /** Content type the role may be granted on. */
  scope: 'serviceprovider' | 'customer' | 'project';
  is_active: boolean;
}

export interface ScopedRole {
  uuid: string;
  sp_uuid: string;
  user_uuid: string;
  role_uuid: string;
  created: string;
  expiration_time: string | null;
  created_by_uuid: string | null;
}

export interface Offering {
  uuid: string;
  name: string;
  slug: string;
  customer_uuid: string;
  parent_uuid: string | null;
  state: 'Draft' | 'Active' | 'Paused' | 'Archived';
  type: string;
  category_title: string;
  /** plugin_options.service_provider_can_create_offering_user */
  can_create_offering_user: boolean;
  /** OfferingUserAttributeConfig; short attribute names like `full_name`, `phone_number`. */
  exposed_attributes: string[];
  compliance_checklist_uuid: string | null;
  shared: boolean;
  billable: boolean;
}

export interface ServiceProvider {
  uuid: string;
  customer_uuid: string;
  description: string;
  enable_notifications: boolean;
  created: string;
  api_secret_code: string;
  allowed_domains: string[];
  image: string | null;
}

export type CustomerRoleName = 'CUSTOMER.OWNER' | 'CUSTOMER.MANAGER' | 'CUSTOMER.SUPPORT' | 'SERVICE_PROVIDER.MANAGER';
export type ProjectRoleName = 'PROJECT.ADMIN' | 'PROJECT.MANAGER' | 'PROJECT.MEMBER';

export interface CustomerRole {
  user_uuid: string;
  customer_uuid: string;
  role: CustomerRoleName;
}

export interface ProjectRole {
  user_uuid: string;
  project_uuid: string;
  role: ProjectRoleName;
}

export interface OfferingUser {
  uuid: string;
  user_uuid: string;
  offering_uuid: string;
  username: string | null;
  /** Stored integer 1..10, as Waldur's FSMIntegerField. */
  state: number;
  is_restricted: boolean;
  service_provider_comment: string;
  service_provider_comment_url: string;
  created: string;
  modified: string;
}

export interface TermsOfService {
  uuid: string;
  offering_uuid: string;
  version: string;
  terms_of_service: string;
  terms_of_service_link: string;
  is_active: boolean;
  requires_reconsent: boolean;
  grace_period_days: number;
  created: string;
}

export interface Consent {
  uuid: string;
  user_uuid: string;
  offering_uuid: string;
  agreement_date: string;
  version: string;
  revocation_date: string | null;
  created: string;
  modified: string;
}

export interface Checklist {
  uuid: string;
  name: string;
  description: string;
  checklist_type: string;
}

export interface ChecklistCompletion {
  uuid: string;
  checklist_uuid: string;
  offering_user_uuid: string;
  reviewed_by: number | null;
  reviewed_at: string | null;
  review_notes: string;
  created: string;
  modified: string;
}

export interface ChecklistAnswer {
  uuid: string;
  completion_uuid: string;
  question_uuid: string;
  user_uuid: string;
  answer_data: unknown;
  requires_review: boolean;
  created: string;
  modified: string;
}

export class Store {
  users = new Map<string, User>();
  customers = new Map<string, Customer>();
  projects = new Map<string, Project>();
  offerings = new Map<string, Offering>();
  serviceProviders = new Map<string, ServiceProvider>();
  customerRoles: CustomerRole[] = [];
  projectRoles: ProjectRole[] = [];
  offeringUsers = new Map<string, OfferingUser>();
  termsOfService = new Map<string, TermsOfService>();
  consents = new Map<string, Consent>();
  organizationGroups = new Map<string, OrganizationGroup>();
  resources = new Map<string, Resource>();
  sshKeys = new Map<string, SshKey>();
  serviceAccounts = new Map<string, ServiceAccount>();
  invoiceItems: InvoiceItem[] = [];
  robotAccounts = new Map<string, RobotAccount>();
  roles = new Map<string, Role>();
  spRoles = new Map<string, ScopedRole>();
  /** Counters that stand in for Waldur areas not simulated (support tickets, orders, campaigns). */
  providerCounters = new Map<string, { unresolved_tickets: number; pending_orders: number; active_campaigns: number }>();
  checklists = new Map<string, Checklist>();
  questions = new Map<string, ChecklistQuestion>();
  completions = new Map<string, ChecklistCompletion>();
  answers = new Map<string, ChecklistAnswer>();
  /** token key -> user uuid */
  tokens = new Map<string, string>();
  completionOf(offeringUserUuid: string): ChecklistCompletion | undefined {
    for (const c of this.completions.values()) if (c.offering_user_uuid === offeringUserUuid) return c;
    return undefined;
  }

  questionsOf(checklistUuid: string): ChecklistQuestion[] {
    return [...this.questions.values()].filter((q) => q.checklist_uuid === checklistUuid).sort((a, b) => a.order - b.order);
  }

  answersOf(completionUuid: string): ChecklistAnswer[] {
    return [...this.answers.values()]
      .filter((a) => a.completion_uuid === completionUuid)
      .sort((a, b) => a.created.localeCompare(b.created) || a.uuid.localeCompare(b.uuid));
  }

  /** Waldur's signal handler: an offering with a checklist gets a completion per new offering user. */
  onOfferingUserCreated(ou: OfferingUser, now: string): void {
    const checklist = this.offerings.get(ou.offering_uuid)?.compliance_checklist_uuid;
    if (!checklist) return;
    const uuid = randomUUID().replace(/-/g, '');
    this.completions.set(uuid, {
      uuid,
      checklist_uuid: checklist,
      offering_user_uuid: ou.uuid,
      reviewed_by: null,
      reviewed_at: null,
      review_notes: '',
      created: now,
      modified: now,
    });
  }

  onOfferingUserDeleted(ou: OfferingUser): void {
    const c = this.completionOf(ou.uuid);
    if (!c) return;
    this.completions.delete(c.uuid);
    for (const a of this.answersOf(c.uuid)) this.answers.delete(a.uuid);
  }

  activeTos(offeringUuid: string): TermsOfService | undefined {
    for (const t of this.termsOfService.values()) if (t.offering_uuid === offeringUuid && t.is_active) return t;
    return undefined;
  }

  consentOf(userUuid: string, offeringUuid: string): Consent | undefined {
    for (const c of this.consents.values()) if (c.user_uuid === userUuid && c.offering_uuid === offeringUuid) return c;
    return undefined;
  }
}

/** Waldur renders datetimes with microseconds and a Z. */
export const isoMicro = (d: Date | number = Date.now()): string => new Date(d).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
