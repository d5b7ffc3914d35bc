// Compliance checklists: the views (checklist.ts), questions, answers, completion, enums, the
// template query, submitAnswers (mutations.ts) and the loaders the offering user's fields use.
import './checklist.js';
import './mutations.js';
