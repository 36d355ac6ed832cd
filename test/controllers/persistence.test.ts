import { expect } from '@open-wc/testing';
import { loadChat, saveChat } from '../../src/controllers/persistence.js';

function captureWarnings(): { messages: unknown[][]; restore: () => void } {
  const original = console.warn;
  const messages: unknown[][] = [];
  console.warn = (...args: unknown[]) => messages.push(args);
  return { messages, restore: () => (console.warn = original) };
}

describe('persistence helper', function () {
  this.timeout(15_000);
  const key = 'sce-test-persistence';
  afterEach(() => {
    localStorage.removeItem(key);
    localStorage.removeItem(`${key}.draft`);
  });

  it('saves and loads the conversation and the draft under two keys', () => {
    saveChat(key, { messages: [{ role: 'user', content: 'Hi' }] });
    saveChat(key, { draft: 'half a thought' });
    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal([{ role: 'user', content: 'Hi' }]);
    expect(localStorage.getItem(`${key}.draft`)).to.equal('half a thought');
    expect(loadChat(key)).to.deep.equal({
      messages: [{ role: 'user', content: 'Hi' }],
      draft: 'half a thought',
    });
  });

  it('removes the entries when they become empty', () => {
    saveChat(key, { messages: [{ role: 'user', content: 'Hi' }], draft: 'x' });
    saveChat(key, { messages: [], draft: '' });
    expect(localStorage.getItem(key)).to.equal(null);
    expect(localStorage.getItem(`${key}.draft`)).to.equal(null);
    expect(loadChat(key)).to.deep.equal({ messages: [], draft: '' });
  });

  it('keeps every field of each stored message (ids, tool calls, sources, feedback)', () => {
    const messages = [
      { role: 'user', content: 'Q', id: 'u1' },
      {
        role: 'assistant',
        content: 'A',
        id: 'a1',
        feedback: 'up',
        toolCalls: [{ id: 'c1', name: 'f', args: '{}', status: 'done', result: 42 }],
        sources: [{ url: 'https://example.com/', title: 'Example' }],
        meta: { conversationId: 'conv-1' },
      },
      { role: 'tool', content: '42', toolCallId: 'c1' },
    ];
    localStorage.setItem(key, JSON.stringify(messages));
    expect(loadChat(key).messages).to.deep.equal(messages);
  });

  for (const [name, raw] of [
    ['invalid JSON', '{"messages": [oops'],
    ['not an array', '{"role":"user","content":"Hi"}'],
    ['a message without content', '[{"role":"user"}]'],
    ['an unknown role', '[{"role":"robot","content":"x"}]'],
    ['null entries', '[null]'],
  ] as const) {
    it(`ignores ${name} with a console warning, keeping the draft`, () => {
      localStorage.setItem(key, raw);
      localStorage.setItem(`${key}.draft`, 'draft survives');
      const warnings = captureWarnings();
      try {
        expect(loadChat(key)).to.deep.equal({ messages: [], draft: 'draft survives' });
      } finally {
        warnings.restore();
      }
      expect(warnings.messages).to.have.length(1);
      expect(String(warnings.messages[0]?.[0])).to.contain(key);
    });
  }

  it('warns instead of throwing when storage refuses to save', () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const warnings = captureWarnings();
    try {
      expect(() => saveChat(key, { draft: 'x' })).not.to.throw();
    } finally {
      Storage.prototype.setItem = setItem;
      warnings.restore();
    }
    expect(warnings.messages).to.have.length(1);
  });
});
