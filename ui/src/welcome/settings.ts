// Settings: business name, signature, the welcome template, the SMTP server.
import type { SettingValue } from '../api/bindings';
import * as ipc from '../api/ipc';
import { gestureTemplatesSection } from '../gestures/templates';
import { el, replaceChildren } from '../shared/dom';
import { showError, toast } from '../shared/toast';
import { houseAnswersSection } from '../team/houseAnswers';
import { sharedBookSection } from '../team/sharedBook';
import { defaultPhotoPicker } from './defaultPhoto';
import { smtpPasswordSection } from './smtpPassword';

const LABELS: Record<string, string> = {
  business_name: 'Business name',
  business_address: 'Business address (for envelopes)',
  signature: 'Signature',
  from_email: 'Your email',
  welcome_subject: 'Welcome subject',
  welcome_body: 'Welcome message',
  default_photo: 'Default photo',
  default_whiteboard: 'Write the name on the default photo (yes/no)',
  smtp_host: 'SMTP server',
  smtp_port: 'SMTP port',
  smtp_security: 'SMTP security (starttls, tls, plain)',
  smtp_user: 'SMTP user',
  check_back_days: 'Check back after a complaint is put right (days)',
  daily_digest: 'Mail me Today every morning (yes/no; needs the timer in the README)',
};
const MULTILINE = new Set(['business_address', 'signature', 'welcome_body']);

export function renderSettings(root: HTMLElement): void {
  const page = el('section', { class: 'page page-settings', testid: 'settings-page' });
  replaceChildren(root, page);
  ipc.getSettings().then(
    (all) => {
      if (page.isConnected) draw(page, all);
    },
    (e) => {
      const err = showError(e);
      replaceChildren(page, el('p', { class: 'error-text', text: err.message }));
    },
  );
}

function draw(page: HTMLElement, all: SettingValue[]): void {
  const rows = all.map((s) => {
    if (s.key === 'default_photo') {
      return el(
        'div',
        { class: 'field' },
        el('span', { class: 'label', text: LABELS[s.key] }),
        defaultPhotoPicker(s.value),
        el('span', { class: 'hint', text: s.description }),
      );
    }
    const input = MULTILINE.has(s.key)
      ? el('textarea', { class: 'input', rows: s.key === 'welcome_body' ? 10 : 3, value: s.value, testid: `setting-${s.key}` })
      : el('input', { class: 'input', value: s.value, testid: `setting-${s.key}` });
    const problem = el('p', { class: 'field-error' });
    input.addEventListener('change', async () => {
      problem.textContent = '';
      try {
        await ipc.setSetting(s.key, input.value);
        toast(`${LABELS[s.key] ?? s.key} saved.`, { kind: 'success' });
      } catch (e) {
        const err = showError(e);
        problem.textContent = err.fields[0]?.message ?? err.message;
      }
    });
    return el(
      'label',
      { class: 'field' },
      el('span', { class: 'label', text: LABELS[s.key] ?? s.key }),
      input,
      el('span', { class: 'hint', text: s.description }),
      problem,
    );
  });
  replaceChildren(
    page,
    el('header', { class: 'page-header' }, el('p', { class: 'eyebrow', text: 'Rapport' }), el('h1', { class: 'page-title', text: 'Settings' })),
    startAtLoginSection(),
    sharedBookSection(),
    el(
      'section',
      { class: 'card settings-form' },
      ...rows,
      el('p', {
        class: 'muted small',
        text: 'Merge fields: {first_name}, {last_name}, {full_name}, {company}, {business_name}, {signature}, {staff_names}.',
      }),
    ),
    smtpPasswordSection(),
    houseAnswersSection(),
    gestureTemplatesSection(),
  );
}

// Opt-in: Rapport registered to start at login, minimised, so the morning nudge comes even on a
// day the owner does not open it. The system's autostart entry is the truth, so it is read back.
function startAtLoginSection(): HTMLElement {
  const box = el('input', { type: 'checkbox', class: 'checkbox', testid: 'setting-start-at-login', disabled: true });
  const problem = el('p', { class: 'field-error' });
  ipc.startAtLogin().then(
    (on) => {
      box.checked = on;
      box.disabled = false;
    },
    (e) => {
      problem.textContent = ipc.toAppError(e).message;
    },
  );
  box.addEventListener('change', async () => {
    problem.textContent = '';
    box.disabled = true;
    try {
      box.checked = await ipc.setStartAtLogin(box.checked);
      toast(box.checked ? 'Rapport will start at login, minimised, to give the morning nudge.' : 'Rapport will not start at login.', { kind: 'success' });
    } catch (e) {
      box.checked = !box.checked;
      problem.textContent = showError(e).message;
    } finally {
      box.disabled = false;
    }
  });
  return el(
    'section',
    { class: 'card settings-form' },
    el('label', { class: 'check-line' }, box, el('span', { class: 'label', text: 'Start Rapport at login (minimised) to give the morning nudge' })),
    el('span', {
      class: 'hint',
      text: 'The first time Rapport opens each day, a notification says what Today has waiting: birthdays, customers to welcome, complaints to check back on.',
    }),
    problem,
  );
}
