// The offering user: its type and list (offering-user.ts), what it links to (links.ts), its
// create/update/delete (mutations.ts), its lifecycle transitions (transitions.ts), the live
// subscription (changed.ts) and its loaders (loaders.ts).
import './offering-user.js';
import './links.js';
import './mutations.js';
import './transitions.js';
import './changed.js';
