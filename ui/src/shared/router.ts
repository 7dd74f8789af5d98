export type Route =
  | { name: 'today' }
  | { name: 'contacts' }
  | { name: 'contact'; id: number }
  | { name: 'staff' }
  | { name: 'staffMember'; id: number }
  | { name: 'settings' }
  | { name: 'testimonials' }
  | { name: 'cards'; occasion?: string }
  | { name: 'exchange'; tab: ExchangeTab };

export type ExchangeTab = 'export' | 'import' | 'backup';

export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const m = /^contact\/(\d+)$/.exec(h);
  if (m) return { name: 'contact', id: Number(m[1]) };
  if (h === 'contacts') return { name: 'contacts' };
  if (h === 'staff') return { name: 'staff' };
  const sm = /^staff\/(\d+)$/.exec(h);
  if (sm) return { name: 'staffMember', id: Number(sm[1]) };
  if (h === 'settings') return { name: 'settings' };
  if (h === 'testimonials') return { name: 'testimonials' };
  const x = /^exchange(?:\/(export|import|backup))?$/.exec(h);
  if (x) return { name: 'exchange', tab: (x[1] as ExchangeTab | undefined) ?? 'export' };
  const c = /^cards(?:\/([a-z0-9-]+))?$/.exec(h);
  if (c) return c[1] ? { name: 'cards', occasion: c[1] } : { name: 'cards' };
  return { name: 'today' };
}

export function href(r: Route): string {
  switch (r.name) {
    case 'today':
      return '#/today';
    case 'contacts':
      return '#/contacts';
    case 'contact':
      return `#/contact/${r.id}`;
    case 'staff':
      return '#/staff';
    case 'staffMember':
      return `#/staff/${r.id}`;
    case 'settings':
      return '#/settings';
    case 'testimonials':
      return '#/testimonials';
    case 'cards':
      return r.occasion ? `#/cards/${r.occasion}` : '#/cards';
    case 'exchange':
      return `#/exchange/${r.tab}`;
  }
}

export function navigate(r: Route): void {
  const h = href(r);
  if (location.hash === h) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = h;
}
