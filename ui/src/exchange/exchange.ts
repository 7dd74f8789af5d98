// Import & export: one screen with three tabs — export for the accountant, import from other
// address books, and backups.
import { el, replaceChildren } from '../shared/dom';
import { href, type ExchangeTab } from '../shared/router';
import { showError, toast } from '../shared/toast';
import { RESTORED_KEY, renderBackup } from './backup';
import { renderExport } from './export';
import { renderImport } from './import';

const TABS: [ExchangeTab, string][] = [
  ['export', 'Export'],
  ['import', 'Import'],
  ['backup', 'Backup & restore'],
];

export function renderExchange(root: HTMLElement, tab: ExchangeTab): void {
  const panel = el('div', { class: 'tab-panel', testid: `exchange-${tab}`, attrs: { role: 'tabpanel' } });
  replaceChildren(
    root,
    el(
      'section',
      { class: 'page page-exchange', testid: 'exchange-page' },
      el('header', { class: 'page-header' }, el('h1', { class: 'page-title', text: 'Import & export' })),
      el(
        'nav',
        { class: 'tabs', attrs: { role: 'tablist' } },
        ...TABS.map(([t, label]) =>
          el('a', {
            class: 'tab',
            href: href({ name: 'exchange', tab: t }),
            testid: `tab-${t}`,
            text: label,
            attrs: { role: 'tab', 'aria-selected': t === tab ? 'true' : 'false' },
          }),
        ),
      ),
      panel,
    ),
  );
  const restored = sessionStorage.getItem(RESTORED_KEY);
  if (restored) {
    sessionStorage.removeItem(RESTORED_KEY);
    toast(restored, { kind: 'success', timeoutMs: 12000 });
  }
  const work = tab === 'export' ? renderExport(panel) : tab === 'backup' ? renderBackup(panel) : Promise.resolve(renderImport(panel));
  work.catch((e) => replaceChildren(panel, el('p', { class: 'form-error', text: showError(e).message })));
}
