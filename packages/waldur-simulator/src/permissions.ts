import type { CustomerRoleName, Offering, OfferingUser, Store, User } from './store.js';

/**
 * Role -> permission pairs. Waldur keeps these as deployment data; these defaults follow the
 * behaviour notes: owners hold every offering-user and service-provider permission.
 */
const ROLE_PERMISSIONS: Record<CustomerRoleName, ReadonlySet<string>> = {
  'CUSTOMER.OWNER': new Set([
    'OFFERING.CREATE_USER',
    'OFFERING.UPDATE_USER',
    'OFFERING.DELETE_USER',
    'CUSTOMER.VIEW_TEAM',
    'SERVICE_PROVIDER.REGISTER',
    'SERVICE_PROVIDER.LIST_CUSTOMERS',
    'SERVICE_PROVIDER.LIST_CUSTOMER_PROJECTS',
    'SERVICE_PROVIDER.LIST_PROJECTS',
    'SERVICE_PROVIDER.LIST_PROJECT_PERMISSIONS',
    'SERVICE_PROVIDER.LIST_KEYS',
    'SERVICE_PROVIDER.LIST_USERS',
    'SERVICE_PROVIDER.LIST_USER_CUSTOMERS',
    'SERVICE_PROVIDER.LIST_SERVICE_ACCOUNTS',
    'SERVICE_PROVIDER.LIST_COURSE_ACCOUNTS',
    'SERVICE_PROVIDER.SET_OFFERINGS_USERNAME',
    'SERVICE_PROVIDER.GET_STATISTICS',
    'SERVICE_PROVIDER.GET_REVENUE',
    'SERVICE_PROVIDER.GET_ROBOT_ACCOUNT_CUSTOMERS',
    'SERVICE_PROVIDER.GET_ROBOT_ACCOUNT_PROJECTS',
    'SERVICE_PROVIDER.GET_API_SECRET_CODE',
    'SERVICE_PROVIDER.GENERATE_API_SECRET_CODE',
  ]),
  'SERVICE_PROVIDER.MANAGER': new Set([
    'OFFERING.CREATE_USER',
    'OFFERING.UPDATE_USER',
    'CUSTOMER.VIEW_TEAM',
    'SERVICE_PROVIDER.LIST_CUSTOMERS',
    'SERVICE_PROVIDER.LIST_CUSTOMER_PROJECTS',
    'SERVICE_PROVIDER.LIST_PROJECTS',
    'SERVICE_PROVIDER.LIST_USERS',
    'SERVICE_PROVIDER.LIST_USER_CUSTOMERS',
    'SERVICE_PROVIDER.SET_OFFERINGS_USERNAME',
    'SERVICE_PROVIDER.GET_STATISTICS',
  ]),
  'CUSTOMER.MANAGER': new Set(['CUSTOMER.VIEW_TEAM']),
  'CUSTOMER.SUPPORT': new Set([]),
};

/** Staff pass every check; support users do not get write permissions (behaviour 1.7). */
export function hasPermission(store: Store, user: User, permission: string, customerUuid: string): boolean {
  if (user.is_staff) return true;
  return store.customerRoles.some((r) => r.user_uuid === user.uuid && r.customer_uuid === customerUuid && ROLE_PERMISSIONS[r.role].has(permission));
}

export function customerRoleCustomers(store: Store, user: User): Set<string> {
  return new Set(store.customerRoles.filter((r) => r.user_uuid === user.uuid).map((r) => r.customer_uuid));
}

function projectsOf(store: Store, userUuid: string): Set<string> {
  return new Set(store.projectRoles.filter((r) => r.user_uuid === userUuid).map((r) => r.project_uuid));
}

/** Builds the visibility predicate of behaviour 2.8 once per request. */
export function offeringUserVisibility(store: Store, user: User): (ou: OfferingUser, offering: Offering) => boolean {
  if (user.is_staff || user.is_support) return () => true;
  const myCustomers = customerRoleCustomers(store, user);
  const myProjects = projectsOf(store, user.uuid);
  const projectCustomers = new Set([...myProjects].map((p) => store.projects.get(p)?.customer_uuid).filter((c): c is string => !!c));
  const visibleUsers = new Set(store.projectRoles.filter((r) => myProjects.has(r.project_uuid)).map((r) => r.user_uuid));
  return (ou, offering) => {
    if (!offering.can_create_offering_user) return false;
    if (ou.user_uuid === user.uuid) return true;
    const related = myCustomers.has(offering.customer_uuid) || visibleUsers.has(ou.user_uuid);
    const reachable = myCustomers.has(offering.customer_uuid) || projectCustomers.has(offering.customer_uuid);
    return related && reachable;
  };
}
