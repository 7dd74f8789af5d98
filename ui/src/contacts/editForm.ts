// The new/edit contact dialog.
import type { Contact, ContactDetail, ContactInput, LabeledValue, PostalAddress } from '../api/bindings';
import * as ipc from '../api/ipc';
import { el, replaceChildren, uid, type Child } from '../shared/dom';
import { openDialog } from '../shared/dialog';
import { monthNames } from '../shared/dates';
import { bookChanged } from '../shared/events';
import { settleConflict } from './conflict';
import { showError, toast } from '../shared/toast';
import { PHONE_EMAIL_LABELS, emptyAddress, emptyForm, fromContact, mapFieldErrors, toInput, type FormState } from './formModel';

type TextKey = {
  [K in keyof FormState]: FormState[K] extends string ? K : never;
}[keyof FormState];

/**
 * Open the form; resolves with the saved contact id, or null when cancelled. Editing, `version` is
 * the contact's version as read: a save made while someone else saved is merged with theirs.
 */
export function openContactForm(existing?: Contact, version = 0): Promise<number | null> {
  return new Promise((resolve) => {
    const state: FormState = existing ? fromContact(existing) : emptyForm();
    let savedId: number | null = null;
    let saving = false;
    const errorNodes = new Map<string, HTMLElement>();
    const fieldWrappers = new Map<string, HTMLElement>();

    const errorSlot = (key: string): HTMLElement => {
      const n = el('p', { class: 'field-error', testid: `error-${key}`, attrs: { 'aria-live': 'polite' } });
      n.id = uid('err');
      n.hidden = true;
      errorNodes.set(key, n);
      return n;
    };

    function textField(
      key: TextKey,
      label: string,
      opts: { multiline?: boolean; type?: string; list?: string; placeholder?: string; autofocus?: boolean; cls?: string } = {},
    ): HTMLElement {
      const id = uid('fld');
      const err = errorSlot(key);
      const common = {
        id,
        value: state[key],
        name: key,
        attrs: { 'aria-describedby': err.id, list: opts.list ?? null, placeholder: opts.placeholder ?? null, autocomplete: 'off' },
        testid: `field-${key}`,
        on: { input: (e: Event) => ((state[key] as string) = (e.target as HTMLInputElement).value) },
      };
      const input = opts.multiline
        ? el('textarea', { ...common, class: 'input', rows: 2 })
        : el('input', { ...common, class: 'input', type: opts.type ?? 'text' });
      if (opts.autofocus) input.dataset.autofocus = '1';
      const wrap = el('div', { class: `field ${opts.cls ?? ''}` }, el('label', { class: 'label', htmlFor: id, text: label }), input, err);
      fieldWrappers.set(key, wrap);
      return wrap;
    }

    function labelSelect(value: string, onChange: (v: string) => void, aria: string): HTMLSelectElement {
      const options =
        PHONE_EMAIL_LABELS.includes(value as (typeof PHONE_EMAIL_LABELS)[number]) || !value ? [...PHONE_EMAIL_LABELS] : [value, ...PHONE_EMAIL_LABELS];
      const sel = el(
        'select',
        { class: 'input select-label', attrs: { 'aria-label': aria }, on: { change: (e) => onChange((e.target as HTMLSelectElement).value) } },
        ...options.map((o) => el('option', { value: o, text: o })),
      );
      sel.value = value || 'other';
      return sel;
    }

    // Repeatable email/phone rows.
    function valueList(kind: 'emails' | 'phones', title: string, type: string, defaultLabel: string): HTMLElement {
      const container = el('div', { class: 'rows' });
      const groupErr = errorSlot(kind);
      const render = () => {
        const rows = state[kind].map((row: LabeledValue, i: number) => {
          const err = errorSlot(`${kind}.${i}`);
          const input = el('input', {
            class: 'input',
            type,
            value: row.value,
            testid: `field-${kind}-${i}`,
            attrs: { 'aria-label': `${title} ${i + 1}`, 'aria-describedby': err.id, autocomplete: 'off' },
            on: { input: (e) => (row.value = (e.target as HTMLInputElement).value) },
          });
          return el(
            'div',
            { class: 'field' },
            el(
              'div',
              { class: 'row-inline' },
              labelSelect(row.label, (v) => (row.label = v), `${title} ${i + 1} label`),
              input,
              el('button', {
                class: 'icon-btn',
                type: 'button',
                text: '×',
                attrs: { 'aria-label': `Remove ${title.toLowerCase()} ${i + 1}` },
                on: {
                  click: () => {
                    state[kind].splice(i, 1);
                    render();
                  },
                },
              }),
            ),
            err,
          );
        });
        replaceChildren(container, ...rows);
      };
      render();
      return el(
        'fieldset',
        { class: 'fieldset' },
        el('legend', { class: 'label', text: title }),
        container,
        groupErr,
        el('button', {
          class: 'btn btn-link',
          type: 'button',
          text: `+ Add ${kind === 'emails' ? 'email' : 'phone'}`,
          on: {
            click: () => {
              state[kind].push({ label: defaultLabel, value: '' });
              render();
              (container.lastElementChild?.querySelector('input') as HTMLInputElement | null)?.focus();
            },
          },
        }),
      );
    }

    function addressList(): HTMLElement {
      const container = el('div', { class: 'rows' });
      const groupErr = errorSlot('addresses');
      const part = (a: PostalAddress, k: keyof PostalAddress, label: string, i: number, cls = '') => {
        const id = uid('adr');
        return el(
          'div',
          { class: `field ${cls}` },
          el('label', { class: 'label label-small', htmlFor: id, text: label }),
          el('input', {
            id,
            class: 'input',
            value: a[k],
            testid: `field-addresses-${i}-${k}`,
            attrs: { autocomplete: 'off' },
            on: { input: (e) => (a[k] = (e.target as HTMLInputElement).value) },
          }),
        );
      };
      const render = () => {
        replaceChildren(
          container,
          ...state.addresses.map((a, i) =>
            el(
              'div',
              { class: 'address-row' },
              el(
                'div',
                { class: 'row-inline' },
                labelSelect(a.label, (v) => (a.label = v), `Address ${i + 1} label`),
                el('span', { class: 'grow' }),
                el('button', {
                  class: 'icon-btn',
                  type: 'button',
                  text: '×',
                  attrs: { 'aria-label': `Remove address ${i + 1}` },
                  on: {
                    click: () => {
                      state.addresses.splice(i, 1);
                      render();
                    },
                  },
                }),
              ),
              el(
                'div',
                { class: 'grid-address' },
                part(a, 'street', 'Street', i, 'span-2'),
                part(a, 'city', 'City', i),
                part(a, 'region', 'Region', i),
                part(a, 'postalCode', 'Postal code', i),
                part(a, 'country', 'Country', i),
              ),
              errorSlot(`addresses.${i}`),
            ),
          ),
        );
      };
      render();
      return el(
        'fieldset',
        { class: 'fieldset' },
        el('legend', { class: 'label', text: 'Addresses' }),
        container,
        groupErr,
        el('button', {
          class: 'btn btn-link',
          type: 'button',
          text: '+ Add address',
          on: {
            click: () => {
              state.addresses.push(emptyAddress());
              render();
            },
          },
        }),
      );
    }

    function birthdayField(): HTMLElement {
      const err = errorSlot('birthday');
      const day = el(
        'select',
        {
          class: 'input',
          testid: 'field-birthdayDay',
          attrs: { 'aria-label': 'Birthday day', 'aria-describedby': err.id },
          on: { change: (e) => (state.birthdayDay = (e.target as HTMLSelectElement).value) },
        },
        el('option', { value: '', text: 'Day' }),
        ...Array.from({ length: 31 }, (_, i) => el('option', { value: String(i + 1), text: String(i + 1) })),
      );
      day.value = state.birthdayDay;
      const month = el(
        'select',
        {
          class: 'input',
          testid: 'field-birthdayMonth',
          attrs: { 'aria-label': 'Birthday month', 'aria-describedby': err.id },
          on: { change: (e) => (state.birthdayMonth = (e.target as HTMLSelectElement).value) },
        },
        el('option', { value: '', text: 'Month' }),
        ...monthNames.map((m, i) => el('option', { value: String(i + 1), text: m })),
      );
      month.value = state.birthdayMonth;
      const year = el('input', {
        class: 'input input-year',
        type: 'text',
        value: state.birthdayYear,
        testid: 'field-birthdayYear',
        attrs: { inputmode: 'numeric', placeholder: 'Year', 'aria-label': 'Birthday year (optional)', maxlength: 4, 'aria-describedby': err.id },
        on: { input: (e) => (state.birthdayYear = (e.target as HTMLInputElement).value) },
      });
      const wrap = el(
        'fieldset',
        { class: 'fieldset field' },
        el('legend', { class: 'label', text: 'Birthday' }),
        el('div', { class: 'row-inline' }, day, month, year),
        err,
      );
      fieldWrappers.set('birthday', wrap);
      return wrap;
    }

    const companyListId = uid('companies');
    const companyList = el('datalist', { id: companyListId });
    void ipc
      .listCompanies()
      .then((cs) => replaceChildren(companyList, ...cs.map((c) => el('option', { value: c.name }))))
      .catch(() => {});
    const tagListId = uid('tags');
    const tagList = el('datalist', { id: tagListId });
    void ipc
      .listTags()
      .then((ts) => replaceChildren(tagList, ...ts.map((t) => el('option', { value: t.name }))))
      .catch(() => {});

    const formError = errorSlot('_form');
    formError.classList.add('form-error');

    const section = (title: string, ...children: Child[]) =>
      el('section', { class: 'form-section' }, el('h3', { class: 'form-section-title', text: title }), ...children);

    const form = el(
      'form',
      {
        class: 'contact-form',
        testid: 'contact-form',
        noValidate: true,
        on: {
          submit: (e: Event) => {
            e.preventDefault();
            void save();
          },
        },
      },
      formError,
      section(
        'Name',
        el(
          'div',
          { class: 'grid-name' },
          textField('prefix', 'Title', { placeholder: 'Dr.', cls: 'field-narrow' }),
          textField('givenName', 'First name', { autofocus: true }),
          textField('familyName', 'Last name'),
          textField('nickname', 'Goes by'),
        ),
        el('div', { class: 'grid-2' }, textField('company', 'Company', { list: companyListId }), textField('jobTitle', 'Job title')),
        companyList,
      ),
      section(
        'Reaching them',
        el('div', { class: 'grid-2' }, valueList('emails', 'Emails', 'email', 'work'), valueList('phones', 'Phones', 'tel', 'mobile')),
        addressList(),
      ),
      section(
        'Dates and rhythm',
        el(
          'div',
          { class: 'grid-3' },
          birthdayField(),
          textField('customerSince', 'Customer since', { type: 'date' }),
          textField('keepInTouchDays', 'Keep in touch every … days', { type: 'number', placeholder: 'e.g. 30' }),
        ),
      ),
      section(
        'Personal',
        el(
          'div',
          { class: 'grid-2' },
          textField('family', 'Family', { multiline: true, placeholder: 'Partner, children, pets…' }),
          textField('interests', 'Interests', { multiline: true, placeholder: 'Sourdough, cycling, roses…' }),
        ),
        textField('talkingPoints', 'What we talked about', { multiline: true }),
        textField('notes', 'Notes', { multiline: true }),
        textField('tags', 'Tags', { list: tagListId, placeholder: 'Comma-separated: regular, wholesale' }),
        tagList,
      ),
    );

    const dlg = openDialog({
      title: existing ? `Edit ${existing.displayName}` : 'New contact',
      testid: 'contact-dialog',
      wide: true,
      content: [form],
      onClose: () => resolve(savedId),
    });
    const saveBtn = el('button', {
      class: 'btn btn-primary',
      type: 'button',
      testid: 'contact-save',
      text: existing ? 'Save changes' : 'Add contact',
      on: { click: () => void save() },
    });
    dlg.footer.append(el('button', { class: 'btn', type: 'button', text: 'Cancel', testid: 'contact-cancel', on: { click: () => dlg.close() } }), saveBtn);
    // Enter in a single-line field saves; Ctrl+Enter saves from anywhere.
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void save();
      }
    });
    (form.querySelector('[data-autofocus]') as HTMLElement | null)?.focus();

    function showErrors(map: Map<string, string>) {
      for (const [key, node] of errorNodes) {
        const msg = map.get(key);
        node.textContent = msg ?? '';
        node.hidden = !msg;
        const field = node.parentElement;
        field?.classList.toggle('has-error', !!msg);
      }
      // Any error whose slot is missing (e.g. a removed row) goes on top.
      const orphan = [...map.entries()].filter(([k]) => !errorNodes.has(k) && k !== '_form').map(([, m]) => m);
      if (orphan.length) {
        const f = errorNodes.get('_form');
        if (f) {
          f.textContent = [map.get('_form'), ...orphan].filter(Boolean).join(' ');
          f.hidden = false;
        }
      }
      const first = [...errorNodes.values()].find((n) => !n.hidden);
      first?.scrollIntoView({ block: 'center' });
      const input = first?.parentElement?.querySelector('input, select, textarea') as HTMLElement | null;
      input?.focus();
    }

    async function save() {
      if (saving) return;
      const { input, indexMap, errors } = toInput(state);
      if (errors.length) {
        showErrors(mapFieldErrors(errors, indexMap));
        return;
      }
      if (!input.givenName && !input.familyName && !input.company && !input.nickname) {
        showErrors(new Map([['givenName', 'Give the contact a name (or at least a company).']]));
        return;
      }
      saving = true;
      saveBtn.disabled = true;
      try {
        const detail = existing ? await saveEdit(existing, version, input) : await ipc.createContact(input);
        if (!detail) return; // back to the form, nothing saved
        savedId = detail.contact.id;
        bookChanged();
        dlg.close();
      } catch (e) {
        const err = ipc.toAppError(e);
        if (err.code === 'invalid' && err.fields.length) {
          showErrors(mapFieldErrors(err.fields, indexMap));
        } else if (err.code === 'invalid') {
          showErrors(new Map([['_form', err.message]]));
        } else {
          showError(err);
        }
      } finally {
        saving = false;
        saveBtn.disabled = false;
      }
    }
  });
}

/**
 * Saves an edit of `contact` (read at `version`). Someone else's save meanwhile is merged by the
 * core; a field both changed is settled by the owner first. Null: the owner went back to the form.
 */
async function saveEdit(contact: Contact, version: number, input: ContactInput): Promise<ContactDetail | null> {
  let result = await ipc.updateContact(contact.id, { base: contact, baseVersion: version, input });
  while (result.outcome === 'conflict') {
    const conflict = result.conflict;
    const settled = await settleConflict(conflict);
    if (!settled) return null;
    result = await ipc.updateContact(contact.id, { base: conflict.theirs, baseVersion: conflict.version, input: settled });
  }
  if (result.takenFromThem.length > 0) {
    toast(`Saved. Someone else had changed ${result.takenFromThem.join(', ')} meanwhile; their change is kept.`, { kind: 'success', timeoutMs: 10000 });
  }
  return result.detail;
}
