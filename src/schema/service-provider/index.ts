// The service provider: its type and list (service-provider.ts), its nested lists (lists.ts and
// the row types in items.ts), compliance and statistics, what it links to (links.ts), its
// mutations and its loaders.
import './service-provider.js';
import './lists.js';
import './compliance.js';
import './stats.js';
import './links.js';
import './mutations.js';
