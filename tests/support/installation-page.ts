/**
 * The fields of config/iparams.html as written: each Crayons field whose id is an iparam name,
 * with what the page lets a person enter (secret or not, the choices, the length limit).
 */
export interface PageField {
  secure: boolean;
  options?: readonly string[];
  maxLength?: number;
}

const FIELD = /<(fw-input|fw-radio-group|fw-checkbox|div)\b([^>]*)>/g;
const attr = (attrs: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];

/** The `value`s of `tag` elements from `start` up to the element's closing tag. */
function choices(html: string, start: number, element: string, tag: string): string[] {
  const end = html.indexOf(`</${element}>`, start);
  return [...html.slice(start, end).matchAll(new RegExp(`<${tag}\\b[^>]*\\bvalue="([^"]*)"`, 'g'))].map((m) => m[1]);
}

function field(html: string, element: string, attrs: string, end: number): PageField {
  const maxLength = attr(attrs, 'maxlength');
  return {
    secure: attr(attrs, 'type') === 'password',
    ...(element === 'fw-radio-group' ? { options: choices(html, end, element, 'fw-radio') } : {}),
    ...(element === 'div' ? { options: choices(html, end, element, 'fw-checkbox') } : {}),
    ...(maxLength === undefined ? {} : { maxLength: Number(maxLength) }),
  };
}

export function installationPageFields(html: string): Record<string, PageField> {
  const fields: Record<string, PageField> = {};
  for (const match of html.matchAll(FIELD)) {
    const [whole, element, attrs] = match;
    const id = attr(attrs, 'id');
    // A <div> is a field only as a group of checkboxes (class "choices").
    if (id === undefined || (element === 'div' && attr(attrs, 'class') !== 'choices')) continue;
    fields[id] = field(html, element, attrs, (match.index ?? 0) + whole.length);
  }
  return fields;
}
