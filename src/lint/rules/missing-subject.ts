import { isBareTemplate } from '../targets.js';
import { defineRule } from '../util.js';

/** An email needs a subject: none in email.json, or one that renders empty for a fixture. */
export const missingSubject = defineRule(
  { id: 'missing-subject', description: 'No subject in email.json, or a subject that renders empty', defaultSeverity: 'warning', needs: 'renders' },
  (c) => {
    // a bare template (not an email folder's email.html) has no email.json to add a subject to
    if (isBareTemplate(c.email)) return;
    // an email.json that does not load is meta-invalid's finding; its subject is not known
    if (c.email.metaError) return;
    if (c.email.subjectSource === undefined) {
      const loc = c.metaLocation('');
      c.report({ message: 'The email has no subject: add "subject" to email.json', loc, span: { start: 0, end: 0 } });
      return;
    }
    for (const r of c.renders()) {
      if (r.result.subject === undefined || r.result.subject.trim() !== '') continue;
      c.report({ message: 'The subject renders empty', loc: c.metaLocation('/subject'), span: { start: 0, end: 0 }, fixture: r.label });
    }
  },
);
