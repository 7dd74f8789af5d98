import { describe, expect, it } from 'vitest';
import { el } from './dom';

const EVIL = '<img src=x onerror=alert(1)>';

describe('el', () => {
  it('puts a name containing HTML in as text, not elements', () => {
    const node = el('h1', { text: EVIL });
    expect(node.textContent).toBe(EVIL);
    expect(node.querySelector('img')).toBeNull();
    expect(node.childNodes).toHaveLength(1);
    expect(node.firstChild?.nodeType).toBe(Node.TEXT_NODE);
  });

  it('treats string children as text nodes', () => {
    const node = el('div', null, EVIL, el('span', { text: EVIL }));
    expect(node.querySelectorAll('img')).toHaveLength(0);
    expect(node.textContent).toBe(EVIL + EVIL);
  });

  it('sets attributes, test ids and listeners', () => {
    let clicked = 0;
    const b = el('button', { class: 'btn', testid: 'x', attrs: { 'aria-label': 'Go', hidden: false }, on: { click: () => clicked++ } });
    b.click();
    expect(b.dataset.testid).toBe('x');
    expect(b.getAttribute('aria-label')).toBe('Go');
    expect(b.hasAttribute('hidden')).toBe(false);
    expect(clicked).toBe(1);
  });
});
