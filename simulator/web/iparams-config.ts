/** The installation parameters as declared in config/iparams.json, read once per server start. */
import fs from 'node:fs';
import path from 'node:path';

export type IparamType = 'text' | 'dropdown' | 'multiselect' | 'checkbox';

export interface IparamField {
  name: string;
  type: IparamType;
  display_name: string;
  description: string;
  options: string[];
  default_value?: unknown;
  required: boolean;
  secure: boolean;
  visible: boolean;
  /** Callback names from `events: [{ change: 'fn' }]`, defined as globals by config/assets/iparams.js. */
  onChange: string[];
}

const TYPES: ReadonlySet<string> = new Set(['text', 'dropdown', 'multiselect', 'checkbox']);

export function loadIparamFields(appDir: string): IparamField[] {
  const file = path.join(appDir, 'config', 'iparams.json');
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  return Object.entries(raw).map(([name, spec]) => {
    const type = String(spec.type);
    // Fail loudly rather than render a field the page cannot read back.
    if (!TYPES.has(type)) throw new Error(`config/iparams.json: ${name} has type '${type}', which the simulator does not render`);
    const events = Array.isArray(spec.events) ? (spec.events as Array<Record<string, unknown>>) : [];
    return {
      name,
      type: type as IparamType,
      display_name: typeof spec.display_name === 'string' ? spec.display_name : name,
      description: typeof spec.description === 'string' ? spec.description : '',
      options: Array.isArray(spec.options) ? spec.options.map(String) : [],
      default_value: spec.default_value,
      required: spec.required === true,
      secure: spec.secure === true,
      visible: spec.visible !== false,
      onChange: events.map((e) => e.change).filter((fn): fn is string => typeof fn === 'string'),
    };
  });
}

/** Value of a field before anything was saved. */
export function defaultValue(field: IparamField): unknown {
  if (field.default_value !== undefined) return field.default_value;
  if (field.type === 'multiselect') return [];
  if (field.type === 'checkbox') return false;
  return '';
}
