// RFC 7622 addresses: parts, normalisation and refusals.
import { expect } from 'chai';
import { Jid, JidError } from '../../../src/xmpp/jid.js';

describe('Jid', () => {
  it('splits and normalises the three parts', () => {
    const jid = Jid.parse('Juliet@Example.COM/Balcony Phone');
    expect([jid.local, jid.domain, jid.resource]).to.deep.equal(['juliet', 'example.com', 'Balcony Phone']);
    expect(jid.toString()).to.equal('juliet@example.com/Balcony Phone');
    expect(jid.bare().toString()).to.equal('juliet@example.com');
  });

  it('keeps a slash and an @ inside the resource', () => {
    expect(Jid.parse('a@b.example/c/d@e').resource).to.equal('c/d@e');
  });

  it('maps full-width characters and case in the localpart (UsernameCaseMapped)', () => {
    expect(Jid.parse('ＪＵＬＩＥＴ@example.com').local).to.equal('juliet');
  });

  it('strips a trailing dot from the domain', () => {
    expect(Jid.parse('example.com.').domain).to.equal('example.com');
  });

  for (const bad of ['', '@example.com', 'a@', 'a@b/', 'a b@example.com', 'a"b@example.com', 'a@exa mple.com', 'a@-', `${'x'.repeat(1024)}@example.com`, 'a@example.com/\u0007']) {
    it(`refuses ${JSON.stringify(bad.slice(0, 40))}`, () => {
      expect(() => Jid.parse(bad)).to.throw(JidError);
      expect(Jid.tryParse(bad)).to.equal(undefined);
    });
  }

  it('accepts IP literals as domains', () => {
    expect(Jid.parse('a@[::1]').domain).to.equal('[::1]');
    expect(Jid.parse('127.0.0.1').domain).to.equal('127.0.0.1');
  });
});
