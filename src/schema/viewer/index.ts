// The caller (`me`): who Waldur says they are, and their own accounts and consents.
import './viewer.js';
