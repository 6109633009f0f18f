// XEP-0004 data forms: building forms and results, and reading submitted values.
import { xml, type Element } from './element.js';
import { NS } from './namespaces.js';

export type FieldType = 'boolean' | 'fixed' | 'hidden' | 'jid-multi' | 'jid-single' | 'list-multi' | 'list-single'
  | 'text-multi' | 'text-private' | 'text-single';

export interface FormField {
  var?: string;
  type?: FieldType;
  label?: string;
  values?: readonly string[];
  options?: readonly { value: string; label?: string }[];
}

export function formField(field: FormField): Element {
  const element = xml('field', { var: field.var, type: field.type, label: field.label });
  // XEP-0004 schema: a field's values come before its options.
  for (const value of field.values ?? []) element.cnode(xml('value', {}, value));
  for (const option of field.options ?? []) element.cnode(xml('option', { label: option.label }, xml('value', {}, option.value)));
  return element;
}

/** A form of type 'form' or 'result' with its FORM_TYPE first (XEP-0068). */
export function dataForm(type: 'form' | 'result' | 'submit', formType: string, fields: readonly FormField[],
  title?: string, instructions?: string): Element {
  return xml('x', { xmlns: NS.dataForms, type },
    title === undefined ? undefined : xml('title', {}, title),
    instructions === undefined ? undefined : xml('instructions', {}, instructions),
    formField({ var: 'FORM_TYPE', type: 'hidden', values: [formType] }),
    ...fields.map(formField));
}

/** The values of a submitted form, by field var. */
export class SubmittedForm {
  private constructor(readonly type: string, private readonly values: ReadonlyMap<string, readonly string[]>) {}

  /** Reads the data form child of an element; undefined when there is none. */
  static from(parent: Element): SubmittedForm | undefined {
    const x = parent.getChild('x', NS.dataForms);
    if (x === undefined) return undefined;
    const values = new Map<string, string[]>();
    for (const field of x.getChildren('field')) {
      const name = field.attrs.var as string | undefined;
      if (name === undefined) continue;
      values.set(name, field.getChildren('value').map((value) => value.getText()));
    }
    return new SubmittedForm(String(x.attrs.type ?? ''), values);
  }

  get formType(): string | undefined {
    return this.values.get('FORM_TYPE')?.[0];
  }

  /** The vars of every submitted field. */
  names(): string[] {
    return [...this.values.keys()];
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  all(name: string): readonly string[] | undefined {
    return this.values.get(name);
  }

  text(name: string): string | undefined {
    const values = this.values.get(name);
    return values === undefined ? undefined : values.join('\n');
  }

  /** XEP-0004 §3.3 booleans: '1'/'true' and '0'/'false'; undefined when absent, null when invalid. */
  boolean(name: string): boolean | undefined | null {
    const value = this.values.get(name)?.[0];
    if (value === undefined) return this.values.has(name) ? null : undefined;
    if (value === '1' || value === 'true') return true;
    if (value === '0' || value === 'false') return false;
    return null;
  }
}
