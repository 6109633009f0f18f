// XEP-0004 data forms: building fields and forms (with the XEP-0068 FORM_TYPE first), and reading
// a submitted form's values (§3.3 booleans, multi-valued fields, missing and unnamed fields).
import { expect } from 'chai';
import { SubmittedForm, dataForm, formField } from '../../../src/xmpp/data-form.js';
import { xml, type Element } from '../../../src/xmpp/element.js';
import { NS } from '../../../src/xmpp/namespaces.js';

function submitted(...fields: Element[]): SubmittedForm {
  return SubmittedForm.from(xml('query', {}, xml('x', { xmlns: NS.dataForms, type: 'submit' }, ...fields)))!;
}
const field = (name: string | undefined, ...values: string[]) => xml('field', { var: name }, ...values.map((value) => xml('value', {}, value)));

describe('data forms (XEP-0004)', () => {
  describe('formField', () => {
    it('writes var, type and label, and leaves out what is not given', () => {
      expect(formField({ var: 'muc#x', type: 'text-single', label: 'X' }).attrs).to.deep.equal({ var: 'muc#x', type: 'text-single', label: 'X' });
      expect(formField({ var: 'muc#x' }).attrs).to.deep.equal({ var: 'muc#x' });
    });

    it('writes one <value/> per value, in order', () => {
      const element = formField({ var: 'muc#roles', type: 'list-multi', values: ['moderator', 'participant'] });
      expect(element.getChildren('value').map((value) => value.getText())).to.deep.equal(['moderator', 'participant']);
    });

    it('writes options, each with a label when given and exactly one <value/>', () => {
      const element = formField({ var: 'muc#pm', type: 'list-single', options: [{ value: 'anyone', label: 'Anyone' }, { value: 'none' }] });
      const options = element.getChildren('option');
      expect(options.map((option) => option.attrs.label as string | undefined)).to.deep.equal(['Anyone', undefined]);
      for (const option of options) expect(option.getChildren('value')).to.have.length(1);
      expect(options.map((option) => option.getChildText('value'))).to.deep.equal(['anyone', 'none']);
    });

    it('escapes values when serialised', () => {
      expect(formField({ var: 'v', values: ['<b>&</b>'] }).toString()).to.contain('&lt;b&gt;&amp;&lt;/b&gt;');
    });

    // XEP-0004 §10 (schema): <field/> is a sequence of desc?, required?, value*, option*, so the
    // <value/> elements come before the <option/> elements.
    it('writes <value/> elements before <option/> elements (XEP-0004 §10 schema)', () => {
      const element = formField({ var: 'muc#pm', type: 'list-single', values: ['anyone'], options: [{ value: 'anyone' }, { value: 'none' }] });
      expect(element.getChildElements().map((child) => child.name)).to.deep.equal(['value', 'option', 'option']);
    });
  });

  describe('dataForm', () => {
    it('is an <x xmlns=jabber:x:data/> of the given type with title, instructions, then FORM_TYPE first among the fields', () => {
      const form = dataForm('form', NS.mucRoomConfig, [{ var: 'muc#roomconfig_roomname', type: 'text-single' }], 'Configuration', 'Fill it in.');
      expect(form.attrs).to.deep.equal({ xmlns: NS.dataForms, type: 'form' });
      expect(form.getChildElements().map((child) => child.name)).to.deep.equal(['title', 'instructions', 'field', 'field']);
      expect(form.getChildText('title')).to.equal('Configuration');
      expect(form.getChildText('instructions')).to.equal('Fill it in.');
      const [formType, name] = form.getChildren('field');
      expect(formType!.attrs).to.deep.equal({ var: 'FORM_TYPE', type: 'hidden' });
      expect(formType!.getChildText('value')).to.equal(NS.mucRoomConfig);
      expect(name!.attrs.var).to.equal('muc#roomconfig_roomname');
    });

    it('without title or instructions has only fields', () => {
      expect(dataForm('result', NS.mucRoomInfo, []).getChildElements().map((child) => child.name)).to.deep.equal(['field']);
    });

    it('reads back as the same values', () => {
      const form = SubmittedForm.from(xml('query', {}, dataForm('submit', NS.mucRegister, [{ var: 'muc#register_roomnick', values: ['thirdwitch'] }])))!;
      expect(form.type).to.equal('submit');
      expect(form.formType).to.equal(NS.mucRegister);
      expect(form.text('muc#register_roomnick')).to.equal('thirdwitch');
    });
  });

  describe('SubmittedForm', () => {
    it('is undefined when the element has no data form', () => {
      expect(SubmittedForm.from(xml('query'))).to.equal(undefined);
      expect(SubmittedForm.from(xml('query', {}, xml('x', { xmlns: 'jabber:x:conference' })))).to.equal(undefined);
    });

    it('the form\'s type, or empty when it has none', () => {
      expect(SubmittedForm.from(xml('q', {}, xml('x', { xmlns: NS.dataForms, type: 'cancel' })))!.type).to.equal('cancel');
      expect(SubmittedForm.from(xml('q', {}, xml('x', { xmlns: NS.dataForms })))!.type).to.equal('');
    });

    it('FORM_TYPE is the first value of the FORM_TYPE field, undefined without one', () => {
      expect(submitted(field('FORM_TYPE', 'urn:a', 'urn:b')).formType).to.equal('urn:a');
      expect(submitted(field('x', '1')).formType).to.equal(undefined);
    });

    it('has, all and text: absent fields are undefined; several values are kept in order; text joins lines (text-multi)', () => {
      const form = submitted(field('one', 'a'), field('many', 'line 1', 'line 2'), field('none'));
      expect(form.has('one')).to.equal(true);
      expect(form.has('missing')).to.equal(false);
      expect(form.all('many')).to.deep.equal(['line 1', 'line 2']);
      expect(form.all('missing')).to.equal(undefined);
      expect(form.text('many')).to.equal('line 1\nline 2');
      expect(form.text('one')).to.equal('a');
      expect(form.text('missing')).to.equal(undefined);
      expect(form.all('none')).to.deep.equal([]);
      expect(form.text('none')).to.equal('');
    });

    it('an empty <value/> is an empty string', () => {
      expect(submitted(field('empty', '')).all('empty')).to.deep.equal(['']);
    });

    it('fields without a var are ignored', () => {
      const form = submitted(field(undefined, 'x'), field('named', 'y'));
      expect(form.all('named')).to.deep.equal(['y']);
    });

    it('a field given twice keeps the last', () => {
      expect(submitted(field('twice', 'first'), field('twice', 'second')).text('twice')).to.equal('second');
    });

    it('only the first data form of the element is read', () => {
      const form = SubmittedForm.from(xml('q', {}, xml('x', { xmlns: NS.dataForms, type: 'submit' }, field('a', '1')),
        xml('x', { xmlns: NS.dataForms, type: 'submit' }, field('b', '2'))))!;
      expect(form.has('a')).to.equal(true);
      expect(form.has('b')).to.equal(false);
    });

    describe('§3.3 booleans', () => {
      for (const [value, expected] of [['1', true], ['true', true], ['0', false], ['false', false]] as const) {
        it(`"${value}" is ${String(expected)}`, () => {
          expect(submitted(field('b', value)).boolean('b')).to.equal(expected);
        });
      }

      it('absent is undefined; present without a value, or with anything else, is null', () => {
        expect(submitted().boolean('b')).to.equal(undefined);
        expect(submitted(field('b')).boolean('b')).to.equal(null);
        for (const value of ['yes', 'True', '', ' 1']) expect(submitted(field('b', value)).boolean('b'), value).to.equal(null);
      });

      it('only the first value counts', () => {
        expect(submitted(field('b', '1', '0')).boolean('b')).to.equal(true);
      });
    });
  });
});
