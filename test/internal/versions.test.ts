import { expect } from '@open-wc/testing';
import { messageId, withIds } from '../../src/internal/message-id.js';
import {
  addVersion,
  showVersion,
  turnStart,
  versionPosition,
  withoutVersions,
} from '../../src/internal/versions.js';
import type { ChatMessage } from '../../src/transports/transport.js';

const m = (role: ChatMessage['role'], content: string): ChatMessage =>
  Object.freeze({ role, content, id: content });
const texts = (messages: ChatMessage[]) => messages.map((message) => message.content);

describe('versions of a turn (src/internal/versions.ts)', () => {
  // Frozen: the functions must never change the messages they are given (the page's own).
  const q1 = m('user', 'Q1');
  const a1 = m('assistant', 'A1');
  const q2 = m('user', 'Q2');
  const a2 = m('assistant', 'A2');
  const conversation = Object.freeze([q1, a1, q2, a2]) as ChatMessage[];

  it('adds a version: the new head follows the turns before, the old tail is version 1', () => {
    const b1 = m('assistant', 'B1');
    const next = addVersion(conversation, 1, b1);
    expect(texts(next)).to.deep.equal(['Q1', 'B1']);
    expect(versionPosition(next[1]!)).to.deep.equal({ index: 1, count: 2 });
    expect(next[1]!.versions!.others.map(texts)).to.deep.equal([['A1', 'Q2', 'A2']]);
    expect(b1).to.not.have.property('versions');
    expect(versionPosition(q1)).to.equal(undefined);
  });

  it('switches back and forth without losing a version or what followed it', () => {
    const two = addVersion(conversation, 1, m('assistant', 'B1'));
    const three = addVersion(two, 1, m('assistant', 'C1'));
    expect(versionPosition(three[1]!)).to.deep.equal({ index: 2, count: 3 });
    expect(three[1]!.versions!.others.map(texts)).to.deep.equal([['A1', 'Q2', 'A2'], ['B1']]);
    const first = showVersion(three, 1, 0);
    expect(texts(first)).to.deep.equal(['Q1', 'A1', 'Q2', 'A2']);
    expect(versionPosition(first[1]!)).to.deep.equal({ index: 0, count: 3 });
    const middle = showVersion(first, 1, 1);
    expect(texts(middle)).to.deep.equal(['Q1', 'B1']);
    const last = showVersion(middle, 1, 2);
    expect(texts(last)).to.deep.equal(['Q1', 'C1']);
    expect(last[1]!.versions!.others.map(texts)).to.deep.equal([['A1', 'Q2', 'A2'], ['B1']]);
    expect(showVersion(last, 1, 3)).to.equal(last);
    expect(showVersion(last, 1, 2)).to.equal(last);
    expect(showVersion(last, 0, 0)).to.equal(last);
  });

  it('keeps versions nested in a later turn with the version they belong to', () => {
    const inner = addVersion(conversation, 3, m('assistant', 'A2 again'));
    const outer = addVersion(inner, 0, m('user', 'Q1 edited'));
    const back = showVersion(outer, 0, 0);
    expect(texts(back)).to.deep.equal(['Q1', 'A1', 'Q2', 'A2 again']);
    expect(versionPosition(back[3]!)).to.deep.equal({ index: 1, count: 2 });
  });

  it('treats malformed versions (from a stored or hand-made history) as none', () => {
    const bad = [
      { index: 0 },
      { index: 5, others: [[a1]] },
      { index: 0, others: [[]] },
      { index: 0.5, others: [[a1]] },
    ] as unknown as ChatMessage['versions'][];
    for (const versions of bad) {
      const message = { ...a2, versions };
      expect(versionPosition(message), JSON.stringify(versions)).to.equal(undefined);
      const next = addVersion([q1, message], 1, m('assistant', 'B'));
      expect(next[1]!.versions!.others.map(texts)).to.deep.equal([['A2']]);
    }
  });

  it('leaves the versions out of what the model is sent', () => {
    const next = addVersion(conversation, 1, m('assistant', 'B1'));
    const sent = withoutVersions(next);
    expect(sent[1]).to.deep.equal({ role: 'assistant', content: 'B1', id: 'B1' });
    expect(sent[0]).to.equal(next[0]);
  });

  it('finds where the turn of an answer starts: after its question, across tool messages', () => {
    const turn = [q1, m('assistant', 'calls'), m('tool', 'result'), a1];
    expect(turnStart(turn, 3)).to.equal(1);
    expect(turnStart(turn, 0)).to.equal(1);
    expect(turnStart([a1], 0)).to.equal(0);
  });

  it('gives every message an id, copying only those without one', () => {
    const given = [{ role: 'user', content: 'x' } as ChatMessage, q1];
    const out = withIds(given);
    expect(out[0]!.id).to.match(/^m[0-9a-z]{16}$/);
    expect(given[0]).to.not.have.property('id');
    expect(out[1]).to.equal(q1);
    expect(withIds(out)).to.equal(out);
    expect(new Set(Array.from({ length: 100 }, messageId)).size).to.equal(100);
  });
});
