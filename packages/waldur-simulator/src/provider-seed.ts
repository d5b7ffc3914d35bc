import { createHash } from 'node:crypto';
import type { Project, Store, User } from './store.js';

interface Random {
  uuid(): string;
  int(n: number): number;
  next(): number;
  pick<T>(xs: readonly T[]): T;
}

interface Context {
  projects: Project[];
  people: User[];
  owner: User;
  manager: User;
  demoUser: User;
  otherUser: User;
  when: () => string;
}

const fingerprint = (alg: string, text: string) => createHash(alg).update(text).digest('hex').match(/../g)!.join(':');

/** Resources, keys, accounts, invoices, robot accounts and team roles for every provider list. */
export function seedProviderData(s: Store, r: Random, c: Context): void {
  // Organization groups: the Nordic and Baltic research networks.
  const nordic = { uuid: r.uuid(), name: 'Nordic research network', parent_uuid: null };
  const baltic = { uuid: r.uuid(), name: 'Baltic research network', parent_uuid: null };
  const estonia = { uuid: r.uuid(), name: 'Estonian universities', parent_uuid: baltic.uuid };
  for (const g of [nordic, baltic, estonia]) s.organizationGroups.set(g.uuid, g);
  for (const cust of s.customers.values()) {
    if (['FI', 'SE', 'NO', 'CH'].includes(cust.country)) cust.organization_group_uuids = [nordic.uuid];
    else cust.organization_group_uuids = cust.country === 'EE' ? [baltic.uuid, estonia.uuid] : [baltic.uuid];
  }

  // Roles that may be granted on a service provider, and a few others for the 400 "not valid for this scope".
  const roleDefs: Array<[string, 'serviceprovider' | 'customer' | 'project', boolean]> = [
    ['SERVICE_PROVIDER.MANAGER', 'serviceprovider', true],
    ['SERVICE_PROVIDER.SUPPORT', 'serviceprovider', true],
    ['SERVICE_PROVIDER.LEGACY_OPERATOR', 'serviceprovider', false],
    ['CUSTOMER.OWNER', 'customer', true],
    ['PROJECT.ADMIN', 'project', true],
  ];
  for (const [name, scope, active] of roleDefs) {
    const uuid = r.uuid();
    s.roles.set(uuid, { uuid, name, scope, is_active: active });
  }
  const spManagerRole = [...s.roles.values()].find((x) => x.name === 'SERVICE_PROVIDER.MANAGER')!;
  const spSupportRole = [...s.roles.values()].find((x) => x.name === 'SERVICE_PROVIDER.SUPPORT')!;

  const sharedOfferings = [...s.offerings.values()].filter((o) => o.shared && o.state !== 'Archived');
  // Every project uses one to three provider offerings.
  for (const p of c.projects) {
    const n = 1 + r.int(3);
    for (let i = 0; i < n; i++) {
      const off = r.pick(sharedOfferings);
      const uuid = r.uuid();
      const roll = r.int(20);
      s.resources.set(uuid, {
        uuid,
        name: `${off.slug}-${p.slug ?? p.uuid.slice(0, 6)}-${i + 1}`,
        offering_uuid: off.uuid,
        project_uuid: p.uuid,
        state: roll === 0 ? 'Erred' : roll === 1 ? 'Terminated' : roll === 2 ? 'Creating' : 'OK',
        created: c.when(),
      });
    }
  }
  // The demo users' projects use the Nordic HPC Centre's offerings.
  const nhpc = [...s.customers.values()].find((x) => x.abbreviation === 'NHPC')!;
  const nhpcOffering = sharedOfferings.find((o) => o.customer_uuid === nhpc.uuid)!;
  for (const user of [c.demoUser, c.otherUser]) {
    for (const role of s.projectRoles.filter((x) => x.user_uuid === user.uuid)) {
      const uuid = r.uuid();
      s.resources.set(uuid, {
        uuid,
        name: `${nhpcOffering.slug}-${user.username}`,
        offering_uuid: nhpcOffering.uuid,
        project_uuid: role.project_uuid,
        state: 'OK',
        created: c.when(),
      });
    }
  }

  // SSH keys for about half of the users.
  for (const u of [...c.people, c.demoUser, c.otherUser]) {
    if (r.int(2) === 0 && u !== c.demoUser) continue;
    const key = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${createHash('sha1').update(u.uuid).digest('base64').slice(0, 40)} ${u.email}`;
    const uuid = r.uuid();
    s.sshKeys.set(uuid, {
      uuid,
      user_uuid: u.uuid,
      name: `${u.username}@laptop`,
      public_key: key,
      fingerprint_md5: fingerprint('md5', key),
      fingerprint_sha256: createHash('sha256').update(key).digest('base64').replace(/=+$/, ''),
      fingerprint_sha512: createHash('sha512').update(key).digest('base64').replace(/=+$/, ''),
      is_shared: r.int(10) === 0,
      type: 'ssh-ed25519',
      created: c.when(),
    });
  }

  // Service and course accounts in projects.
  for (const p of c.projects) {
    const n = r.int(3);
    for (let i = 0; i < n; i++) {
      const created = c.when();
      const uuid = r.uuid();
      s.serviceAccounts.set(uuid, {
        uuid,
        kind: 'project',
        project_uuid: p.uuid,
        user_uuid: null,
        username: r.int(6) === 0 ? null : `svc-${p.backend_id ?? 'prj'}-${i + 1}`,
        email: `svc-${i + 1}@${p.slug ?? 'project'}.example.org`,
        description: ['CI pipeline', 'Data ingestion bot', 'Monitoring agent'][i % 3]!,
        state: r.int(8) === 0 ? 'Erred' : r.int(8) === 0 ? 'Closed' : 'OK',
        created,
        modified: created,
      });
    }
    if (r.int(3) === 0) {
      const students = c.people.filter(() => r.int(40) === 0).slice(0, 4);
      for (const st of students) {
        const created = c.when();
        const uuid = r.uuid();
        s.serviceAccounts.set(uuid, {
          uuid,
          kind: 'course',
          project_uuid: p.uuid,
          user_uuid: st.uuid,
          username: `course-${st.username}`,
          email: st.email,
          description: 'Course participant',
          state: 'OK',
          created,
          modified: created,
        });
      }
    }
  }

  // Twelve months of invoices for each shared offering, ending last month.
  for (const off of sharedOfferings) {
    const scale = 500 + r.int(5000);
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2025, 10 + m, 1));
      s.invoiceItems.push({ offering_uuid: off.uuid, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, total: Math.round(scale * (0.8 + r.next() * 0.6)) });
    }
  }

  // Robot accounts on some resources.
  for (const res of s.resources.values()) {
    if (res.state === 'Terminated' || r.int(3) !== 0) continue;
    const uuid = r.uuid();
    s.robotAccounts.set(uuid, { uuid, resource_uuid: res.uuid, username: `robot-${res.name.slice(0, 20)}` });
  }

  // Team roles on the service-provider scope, and counters for the statistics.
  for (const sp of s.serviceProviders.values()) {
    s.providerCounters.set(sp.uuid, { unresolved_tickets: r.int(7), pending_orders: r.int(12), active_campaigns: r.int(3) });
    const team = sp.customer_uuid === nhpc.uuid ? [c.manager, ...c.people.slice(0, 2)] : c.people.slice(3 + r.int(20), 5 + r.int(20));
    team.forEach((u, i) => {
      const uuid = r.uuid();
      s.spRoles.set(uuid, {
        uuid,
        sp_uuid: sp.uuid,
        user_uuid: u.uuid,
        role_uuid: (i === 0 ? spManagerRole : spSupportRole).uuid,
        created: c.when(),
        expiration_time: i === 2 ? '2027-06-30T00:00:00.000000Z' : null,
        created_by_uuid: sp.customer_uuid === nhpc.uuid ? c.owner.uuid : null,
      });
    });
  }
}
