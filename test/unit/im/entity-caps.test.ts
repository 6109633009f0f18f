// XEP-0115 §5.2 verification string, checked against the XEP's own example.
import { expect } from 'chai';
import { capsVerification } from '../../../src/im/entity-caps.js';

describe('entity capabilities verification (XEP-0115 §5.2)', () => {
  it('reproduces the simple example of the XEP', () => {
    const ver = capsVerification([{ category: 'client', type: 'pc', name: 'Exodus 0.9.1' }], [
      'http://jabber.org/protocol/muc', 'http://jabber.org/protocol/disco#info',
      'http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#items',
    ]);
    expect(ver).to.equal('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('changes when a feature changes, and ignores order and duplicates', () => {
    const identity = [{ category: 'server', type: 'im' }];
    const base = capsVerification(identity, ['a', 'b']);
    expect(capsVerification(identity, ['b', 'a', 'a'])).to.equal(base);
    expect(capsVerification(identity, ['a', 'b', 'c'])).to.not.equal(base);
  });
});
