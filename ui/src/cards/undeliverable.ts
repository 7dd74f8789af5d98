// On the contact page: mark the postal address as undeliverable when a card came back.
import * as ipc from '../api/ipc';
import { el, replaceChildren } from '../shared/dom';
import { showError } from '../shared/toast';

export function undeliverableBox(contactId: number): HTMLElement {
  const box = el('div', { class: 'undeliverable', testid: 'address-undeliverable' });
  const draw = (since: string | null) => {
    const toggle = el('button', {
      type: 'button',
      class: 'btn btn-small',
      testid: since ? 'address-fixed' : 'mark-undeliverable',
      text: since ? 'Address fixed' : 'Card came back undeliverable',
      on: { click: () => void ipc.setAddressUndeliverable(contactId, !since).then(draw).catch(showError) },
    });
    replaceChildren(
      box,
      since
        ? el('p', {
            class: 'pill pill-warn',
            testid: 'address-flag',
            text: `A card came back undeliverable on ${since}; this address is left out of card counts.`,
          })
        : null,
      toggle,
    );
  };
  void ipc.addressUndeliverable(contactId).then(draw).catch(showError);
  return box;
}
