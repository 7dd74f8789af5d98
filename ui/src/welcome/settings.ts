// Settings: business name, signature, the welcome template, the SMTP server.
import type { SettingValue } from '../api/bindings';
import * as ipc from '../api/ipc';
import { gestureTemplatesSection } from '../gestures/templates';
import { el, replaceChildren } from '../shared/dom';
import { relativeMoment } from '../shared/dates';
import { showError, toast } from '../shared/toast';
import { houseAnswersSection } from '../team/houseAnswers';
import { sharedBookSection } from '../team/sharedBook';
import { defaultPhotoPicker } from './defaultPhoto';
import { smtpPasswordSection } from './smtpPassword';

const LABELS: Record<string, string> = {
  business_name: 'Business name',
  business_address: 'Business address (for envelopes)',
  home_country: 'Your country (for envelopes and labels)',
  label_offset_mm: 'Label printer offset (mm right, down)',
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
    input.id = `setting-${s.key}`;
    const problem = el('p', { class: 'field-error' });
    const clash = el('div', { class: 'setting-conflict', testid: `setting-conflict-${s.key}`, hidden: true, attrs: { role: 'alert' } });
    const label = LABELS[s.key] ?? s.key;
    // What this window last showed: a save is made from it, so a change made at another desk
    // (or from the command line) since is shown, never written over unseen.
    let base = s.value;
    const save = async (from: string, value: string) => {
      problem.textContent = '';
      clash.hidden = true;
      try {
        const saved = await ipc.saveSetting(s.key, from, value);
        if (saved.outcome === 'saved') {
          base = saved.value;
          input.value = saved.value;
          toast(`${label} saved.`, { kind: 'success' });
          return;
        }
        const who = saved.lastChange ? `${saved.lastChange.by} changed it ${relativeMoment(saved.lastChange.at)}` : 'It was changed elsewhere';
        replaceChildren(
          clash,
          el('p', { text: `${who}: “${short(saved.theirs)}”. Yours: “${short(saved.mine)}”.` }),
          el(
            'div',
            { class: 'setting-conflict-buttons' },
            el('button', {
              type: 'button',
              class: 'btn btn-small',
              testid: `setting-keep-theirs-${s.key}`,
              text: 'Keep theirs',
              on: {
                click: () => {
                  base = saved.theirs;
                  input.value = saved.theirs;
                  clash.hidden = true;
                },
              },
            }),
            el('button', {
              type: 'button',
              class: 'btn btn-small btn-primary',
              testid: `setting-keep-mine-${s.key}`,
              text: 'Keep mine',
              on: { click: () => void save(saved.theirs, saved.mine) },
            }),
          ),
        );
        clash.hidden = false;
      } catch (e) {
        // A value refused is said beside its field; anything else (the book unreachable) as a toast.
        const fieldMessage = ipc.toAppError(e).fields[0]?.message;
        problem.textContent = fieldMessage ?? showError(e).message;
      }
    };
    input.addEventListener('change', () => void save(base, input.value));
    return el(
      'div',
      { class: 'field' },
      el('label', { class: 'label', htmlFor: `setting-${s.key}`, text: label }),
      input,
      el('span', { class: 'hint', text: s.description }),
      clash,
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

/** A value as quoted in a one-line message: its first line, at most 60 characters. */
export function short(value: string): string {
  if (!value) return '(empty)';
  const line = value.split('\n')[0];
  return line.length > 60 || line !== value ? `${line.slice(0, 60)}…` : line;
}
