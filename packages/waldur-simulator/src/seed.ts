import { seedChecklists } from './checklist-seed.js';
import { seedProviderData } from './provider-seed.js';
import { isoMicro, Store, type Customer, type Offering, type User } from './store.js';

/** Fixed demo tokens: documented in the README and printed at start-up. */
export const DEMO_TOKENS = {
  staff: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0001',
  owner: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb0002',
  manager: 'cccccccccccccccccccccccccccccccccccc0003',
  user: 'dddddddddddddddddddddddddddddddddddd0004',
  otherUser: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee0005',
  support: 'ffffffffffffffffffffffffffffffffffff0006',
} as const;

export interface SeedOptions {
  /** Number of offering users to generate (the benchmark knob). */
  size: number;
  seed?: number;
}

/** mulberry32: small, fast and deterministic, so every run serves the same data. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    uuid: () => {
      let h = '';
      for (let i = 0; i < 4; i++)
        h += Math.floor(next() * 2 ** 32)
          .toString(16)
          .padStart(8, '0');
      return `${h.slice(0, 12)}4${h.slice(13, 16)}${'89ab'[Math.floor(next() * 4)]}${h.slice(17)}`;
    },
  };
}

const FIRST = [
  'Anna',
  'Mihkel',
  'Liis',
  'Jaan',
  'Kadri',
  'Mikko',
  'Aino',
  'Lars',
  'Ingrid',
  'Olaf',
  'Sofia',
  'Jonas',
  'Laura',
  'Peteris',
  'Agnese',
  'Emil',
  'Freya',
  'Henrik',
  'Iris',
  'Karl',
  'Maria',
  'Nils',
  'Ott',
  'Piret',
  'Rasmus',
  'Signe',
  'Tanel',
  'Ulla',
  'Viktor',
  'Elina',
];
const LAST = [
  'Tamm',
  'Saar',
  'Korhonen',
  'Virtanen',
  'Hansen',
  'Johansson',
  'Berzins',
  'Ozols',
  'Kask',
  'Magi',
  'Nielsen',
  'Lindqvist',
  'Makela',
  'Rebane',
  'Ilves',
  'Kalnins',
  'Andersen',
  'Larsen',
  'Nieminen',
  'Sepp',
  'Lepik',
  'Koppel',
  'Eriksson',
  'Jensen',
  'Petersen',
];
const ORGS = [
  'University of Tartu',
  'Tallinn University of Technology',
  'Aalto University',
  'KTH Royal Institute of Technology',
  'University of Oslo',
  'Riga Technical University',
];
const TOPICS = [
  'Climate modelling',
  'Genome assembly',
  'Materials simulation',
  'Language models',
  'Particle physics',
  'Hydrology',
  'Protein folding',
  'Urban mobility',
  'Astrophysics',
  'Epidemiology',
];

const STATE_WEIGHTS: Array<[number, number]> = [
  [5, 45],
  [1, 10],
  [2, 8],
  [3, 8],
  [4, 6],
  [6, 4],
  [7, 3],
  [8, 6],
  [9, 5],
  [10, 5],
];

export function seedStore(opts: SeedOptions): Store {
  const r = rng(opts.seed ?? 20261122);
  const s = new Store();
  const t0 = Date.parse('2025-01-06T08:00:00Z');
  const span = Date.parse('2026-10-01T00:00:00Z') - t0;
  const when = () => isoMicro(t0 + Math.floor(r.next() * span));

  const slug = (x: string) =>
    x
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/(^-|-$)/g, '');

  const addUser = (first: string, last: string, extra: Partial<User> = {}): User => {
    const username = extra.username ?? `${first}.${last}`.toLowerCase();
    const u: User = {
      id: s.users.size + 1,
      uuid: r.uuid(),
      username,
      first_name: first,
      last_name: last,
      email: `${username}@example.org`,
      is_staff: false,
      is_support: false,
      is_active: true,
      phone_number: `+372 5${String(r.int(10_000_000)).padStart(7, '0')}`,
      organization: r.pick(ORGS),
      job_title: r.pick(['Researcher', 'PhD student', 'Research engineer', 'Professor', 'Postdoc']),
      affiliations: [r.pick(['staff', 'student', 'faculty', 'member'])],
      civil_number: null,
      birth_date: null,
      nationality: r.pick(['EE', 'FI', 'SE', 'NO', 'LV']),
      country_of_residence: r.pick(['EE', 'FI', 'SE', 'NO', 'LV']),
      ...extra,
    };
    s.users.set(u.uuid, u);
    return u;
  };

  const addCustomer = (name: string, abbreviation: string, country: string): Customer => {
    const c: Customer = {
      uuid: r.uuid(),
      name,
      abbreviation,
      slug: slug(name),
      native_name: '',
      country,
      email: `info@${slug(abbreviation)}.example.org`,
      organization_group_uuids: [],
      archived: false,
    };
    s.customers.set(c.uuid, c);
    return c;
  };

  // Demo identities first, so their UUIDs are stable whatever the size knob says.
  const staff = addUser('Sam', 'Staff', { username: 'staff', is_staff: true });
  const owner = addUser('Olivia', 'Owner', { username: 'olivia.owner' });
  const manager = addUser('Martin', 'Manager', { username: 'martin.manager' });
  const demoUser = addUser('Uma', 'User', { username: 'uma.user' });
  const otherUser = addUser('Victor', 'Visitor', { username: 'victor.visitor' });
  const support = addUser('Sue', 'Support', { username: 'sue.support', is_support: true });
  for (const [key, u] of [
    [DEMO_TOKENS.staff, staff],
    [DEMO_TOKENS.owner, owner],
    [DEMO_TOKENS.manager, manager],
    [DEMO_TOKENS.user, demoUser],
    [DEMO_TOKENS.otherUser, otherUser],
    [DEMO_TOKENS.support, support],
  ] as const) {
    s.tokens.set(key, u.uuid);
  }

  const nhpc = addCustomer('Nordic HPC Centre', 'NHPC', 'FI');
  const bcs = addCustomer('Baltic Cloud Services', 'BCS', 'LV');
  const erdh = addCustomer('Estonian Research Data Hub', 'ERDH', 'EE');
  const alpine = addCustomer('Alpine Compute AG', 'ACAG', 'CH');
  const consumers = ORGS.map((o, i) =>
    addCustomer(
      o,
      o
        .split(' ')
        .map((w) => w[0])
        .join(''),
      ['EE', 'EE', 'FI', 'SE', 'NO', 'LV'][i]!,
    ),
  );

  s.customerRoles.push(
    { user_uuid: owner.uuid, customer_uuid: nhpc.uuid, role: 'CUSTOMER.OWNER' },
    { user_uuid: manager.uuid, customer_uuid: nhpc.uuid, role: 'SERVICE_PROVIDER.MANAGER' },
  );
  for (const c of [bcs, erdh, alpine]) {
    const o = addUser(r.pick(FIRST), r.pick(LAST), {});
    s.customerRoles.push({ user_uuid: o.uuid, customer_uuid: c.uuid, role: 'CUSTOMER.OWNER' });
  }

  for (const c of [nhpc, bcs, erdh, alpine]) {
    const uuid = r.uuid();
    s.serviceProviders.set(uuid, {
      uuid,
      customer_uuid: c.uuid,
      description: `${c.name} offers research computing services to Nordic and Baltic institutions.`,
      enable_notifications: true,
      created: when(),
      api_secret_code: r.uuid(),
      allowed_domains: [],
      image: null,
    });
  }

  const addOffering = (customer: Customer, name: string, o: Partial<Offering> = {}): Offering => {
    const off: Offering = {
      uuid: r.uuid(),
      name,
      slug: slug(name),
      customer_uuid: customer.uuid,
      parent_uuid: null,
      state: 'Active',
      type: 'Marketplace.Slurm',
      category_title: 'HPC',
      can_create_offering_user: true,
      exposed_attributes: ['username', 'full_name', 'email'],
      compliance_checklist_uuid: null,
      shared: true,
      billable: true,
      ...o,
    };
    s.offerings.set(off.uuid, off);
    return off;
  };

  const puhti = addOffering(nhpc, 'Puhti HPC cluster');
  const allas = addOffering(nhpc, 'Allas object storage', { type: 'Marketplace.Basic', category_title: 'Storage' });
  const lumi = addOffering(nhpc, 'LUMI-G GPU partition', {
    exposed_attributes: ['username', 'full_name', 'email', 'organization', 'job_title', 'phone_number', 'affiliations', 'nationality'],
  });
  addOffering(nhpc, 'Legacy batch service', { can_create_offering_user: false, state: 'Paused' });
  const openstack = addOffering(bcs, 'Baltic OpenStack tenant', { type: 'OpenStack.Tenant', category_title: 'Cloud' });
  const k8s = addOffering(bcs, 'Managed Kubernetes', { type: 'Marketplace.Basic', category_title: 'Cloud' });
  addOffering(bcs, 'Backup vault', { state: 'Archived', can_create_offering_user: false, category_title: 'Storage' });
  const enclave = addOffering(erdh, 'Secure data enclave', {
    category_title: 'Data',
    exposed_attributes: ['username', 'full_name', 'email', 'organization', 'civil_number', 'birth_date'],
  });
  const jupyter = addOffering(erdh, 'Jupyter notebooks', { parent_uuid: enclave.uuid, category_title: 'Data' });
  const htc = addOffering(alpine, 'Alpine HTC grid');
  const noCreate = addOffering(alpine, 'Alpine tape archive', { can_create_offering_user: false, category_title: 'Storage' });

  const addTos = (off: Offering, version: string, active: boolean, reconsent: boolean, created: string) => {
    const uuid = r.uuid();
    s.termsOfService.set(uuid, {
      uuid,
      offering_uuid: off.uuid,
      version,
      terms_of_service: `Terms of Service of ${off.name}, version ${version}.`,
      terms_of_service_link: `https://${slug(off.name)}.example.org/terms/${version}/`,
      is_active: active,
      requires_reconsent: reconsent,
      grace_period_days: 60,
      created,
    });
  };
  addTos(puhti, '1.0', false, false, '2025-01-10T09:00:00.000000Z');
  addTos(puhti, '2.0', true, true, '2026-06-01T09:00:00.000000Z');
  addTos(allas, '1.0', true, false, '2025-02-01T09:00:00.000000Z');
  addTos(openstack, '3.0', false, false, '2025-03-01T09:00:00.000000Z');
  addTos(openstack, '3.1', true, true, '2026-09-15T09:00:00.000000Z');
  addTos(enclave, '1.0', true, false, '2025-04-01T09:00:00.000000Z');

  // Consumer projects; every generated user belongs to one or two of them.
  const projects = consumers.flatMap((c) =>
    Array.from({ length: 4 }, (_, i) => {
      const name = `${TOPICS[(i * 3 + c.name.length) % TOPICS.length]} (${c.abbreviation})`;
      const created = when();
      const p = {
        uuid: r.uuid(),
        name,
        slug: slug(name),
        customer_uuid: c.uuid,
        description: `Research project of ${c.name}`,
        created,
        start_date: created.slice(0, 10),
        end_date: `202${7 + (i % 3)}-12-31`,
        backend_id: `prj-${c.abbreviation.toLowerCase()}-${i + 1}`,
        is_removed: false,
      };
      s.projects.set(p.uuid, p);
      return p;
    }),
  );
  s.projectRoles.push({ user_uuid: demoUser.uuid, project_uuid: projects[0]!.uuid, role: 'PROJECT.MEMBER' });
  s.projectRoles.push({ user_uuid: otherUser.uuid, project_uuid: projects[5]!.uuid, role: 'PROJECT.ADMIN' });

  const userCount = Math.max(220, Math.ceil(opts.size / 5));
  const people: User[] = [];
  const taken = new Set([...s.users.values()].map((u) => u.username));
  while (people.length < userCount) {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    let username = `${first}.${last}`.toLowerCase();
    for (let n = 2; taken.has(username); n++) username = `${first}.${last}${n}`.toLowerCase();
    taken.add(username);
    const u = addUser(first, last, { username });
    people.push(u);
    s.projectRoles.push({
      user_uuid: u.uuid,
      project_uuid: r.pick(projects).uuid,
      role: r.pick(['PROJECT.MEMBER', 'PROJECT.MEMBER', 'PROJECT.ADMIN', 'PROJECT.MANAGER'] as const),
    });
  }

  const weighted = (): number => {
    let x = r.int(100);
    for (const [state, w] of STATE_WEIGHTS) {
      if (x < w) return state;
      x -= w;
    }
    return 5;
  };
  const pairs = new Set<string>();
  const addOfferingUser = (user: User, off: Offering, state: number, extra: { comment?: string; url?: string; restricted?: boolean } = {}) => {
    pairs.add(`${off.uuid}:${user.uuid}`);
    const created = when();
    const hasUsername = [5, 6, 7, 8, 10].includes(state);
    const uuid = r.uuid();
    s.offeringUsers.set(uuid, {
      uuid,
      user_uuid: user.uuid,
      offering_uuid: off.uuid,
      username: hasUsername ? `${user.username.replace(/\./g, '_')}_${off.slug.slice(0, 5)}` : null,
      state,
      is_restricted: extra.restricted ?? r.int(20) === 0,
      service_provider_comment: extra.comment ?? '',
      service_provider_comment_url: extra.url ?? '',
      created,
      modified: isoMicro(Math.min(Date.parse(created) + r.int(90) * 86_400_000, Date.parse('2026-11-01T00:00:00Z'))),
    });
  };

  // The demo user's own accounts: one per interesting situation.
  addOfferingUser(demoUser, puhti, 5);
  addOfferingUser(demoUser, allas, 3, { comment: 'Please link your existing Allas account', url: 'https://allas.example.org/link' });
  addOfferingUser(demoUser, lumi, 1);
  addOfferingUser(otherUser, openstack, 5);

  const creatable = [puhti, allas, lumi, openstack, k8s, enclave, jupyter, htc];
  const comments: Record<number, [string, string]> = {
    3: ['Please link your existing account at the provider portal', 'https://portal.example.org/link-account'],
    4: ['We need a signed acceptable-use form before activation', 'https://portal.example.org/forms/aup'],
  };
  for (let i = 0; s.offeringUsers.size < opts.size + 4 && i < opts.size * 20; i++) {
    const off = r.int(40) === 0 ? noCreate : r.pick(creatable);
    const user = r.pick(people);
    if (pairs.has(`${off.uuid}:${user.uuid}`)) continue;
    const state = weighted();
    const c = comments[state];
    addOfferingUser(user, off, state, c ? { comment: c[0], url: c[1] } : {});
  }

  // Consents: most users of ToS offerings consented; on Puhti and OpenStack many still hold the old version.
  const oldVersion: Record<string, string> = { [puhti.uuid]: '1.0', [openstack.uuid]: '3.0' };
  for (const ou of s.offeringUsers.values()) {
    const tos = s.activeTos(ou.offering_uuid);
    if (!tos) continue;
    const isDemo = ou.user_uuid === demoUser.uuid || ou.user_uuid === otherUser.uuid;
    const roll = isDemo ? 0 : r.int(10);
    if (roll >= 8) continue;
    const old = oldVersion[ou.offering_uuid];
    const version = old && (isDemo || roll < 4) ? old : tos.version;
    const agreed = isoMicro(Math.max(Date.parse(ou.created), Date.parse(tos.created) - 86_400_000 * 30));
    const uuid = r.uuid();
    s.consents.set(uuid, {
      uuid,
      user_uuid: ou.user_uuid,
      offering_uuid: ou.offering_uuid,
      agreement_date: agreed,
      version,
      revocation_date: roll === 7 ? isoMicro(Date.parse(agreed) + 86_400_000 * 40) : null,
      created: agreed,
      modified: agreed,
    });
  }
  seedChecklists(s, r, isoMicro(Date.parse('2026-11-01T00:00:00Z')));
  seedProviderData(s, r, { projects, people, owner, manager, demoUser, otherUser, when });
  return s;
}
