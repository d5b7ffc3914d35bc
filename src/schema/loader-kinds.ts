import DataLoader from 'dataloader';

/**
 * Loaders batch and hold nothing (`cache: false`): the operation's reads are cached once, in its
 * upstream session, where identical reads are one request and a write clears them all.
 */
const NO_CACHE = { cache: false } as const;

/**
 * One read per key: Waldur has no batch route for these, so reads run concurrently (the session's
 * limiter bounds them). A key asked twice in one batch is read once (`keyOf` names it); the read
 * itself is cached in the session, not here. A failure `nullOn` names is an answer (null: missing,
 * invisible, not configured); any other stays that key's error alone.
 */
export function perKey<K, V>(
  load: (key: K) => Promise<V | null>,
  nullOn: (err: unknown) => boolean,
  keyOf: (key: K) => string = String,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null, unknown>((keys) => {
    const once = new Map<string, Promise<V | null | Error>>();
    return Promise.all(
      keys.map((k) => {
        const id = keyOf(k);
        let read = once.get(id);
        if (!read) {
          read = load(k).catch((err: unknown) => {
            if (nullOn(err)) return null;
            return err instanceof Error ? err : new Error(String(err));
          });
          once.set(id, read);
        }
        return read;
      }),
    );
  }, NO_CACHE);
}

export const never = () => false;

export interface GroupedOptions<K, V> {
  /** The cache key of a request key; rows are matched to keys by the same string. */
  keyOf: (key: K) => string;
  /** Splits one batch into groups, each answered by `read`. */
  groups: (keys: readonly K[]) => Iterable<[group: string, keys: K[]]>;
  /** Reads one group, reporting each row it finds; it may report rows of other keys too. */
  read: (group: string, keys: K[], found: (key: string, row: V) => void) => Promise<void>;
}

/**
 * Keys answered by list reads of groups of keys (Waldur filters that take several values). A key
 * no read reports is null; a failing read fails only the keys of its group still unanswered.
 * `groups` sees a batch's keys as asked (a key twice, too) and must put each key in one group once.
 */
export function grouped<K, V>(o: GroupedOptions<K, V>) {
  return new DataLoader<K, V | null, string>(async (keys) => {
    const rows = new Map<string, V>();
    const failed = new Map<string, Error>();
    const found = (key: string, row: V) => void rows.set(key, row);
    await Promise.all(
      [...o.groups(keys)].map(([group, members]) =>
        o.read(group, members, found).catch((err: unknown) => {
          for (const k of members) failed.set(o.keyOf(k), err instanceof Error ? err : new Error(String(err)));
        }),
      ),
    );
    return keys.map((k) => rows.get(o.keyOf(k)) ?? failed.get(o.keyOf(k)) ?? null);
  }, NO_CACHE);
}
