// Terms of Service consent: its type, list and link to the account (consent.ts), its mutations
// and loaders (the pair loader reads per offering or per user: consent-by-pair.ts).
import './consent.js';
import './mutations.js';
