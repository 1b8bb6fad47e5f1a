import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Renders the Form.io subset the server enforces (docs/portal-forms.md) straight from the stored
 * JSON: panels, fieldsets, columns; text, e-mail, phone, number, checkbox, select, radio,
 * selectboxes, date inputs. Nothing is evaluated (the page's CSP forbids it); simple conditionals
 * (`show/when/eq`) hide a field as the server does. Rules are checked by the server on save.
 */
type Json = Record<string, unknown>;
export type Answers = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const children = (c: Json): unknown[] => (Array.isArray(c.components) ? c.components : []);

function choices(c: Json): Array<{ label: string; value: string }> {
  const list = c.type === 'select' ? (isObject(c.data) ? c.data.values : undefined) : c.values;
  return Array.isArray(list)
    ? list.filter(isObject).map((v) => ({ label: str(v.label) || String(v.value), value: String(v.value) }))
    : [];
}

function shown(c: Json, answers: Answers): boolean {
  const cond = isObject(c.conditional) ? c.conditional : null;
  if (!cond || typeof cond.when !== 'string' || cond.when === '') return true;
  const other = answers[cond.when];
  const equal = other !== undefined && other !== null && String(other) === String(cond.eq ?? '');
  return cond.show === true || cond.show === 'true' ? equal : !equal;
}

interface Props {
  schema: Json;
  answers: Answers;
  onChange: (answers: Answers) => void;
  /** The server's verdict per field key (PD_SSP_005's fields). */
  problems?: Record<string, string> | undefined;
  /** Keys filled in from the sign-in claims. */
  prefilled?: ReadonlySet<string>;
  disabled?: boolean;
}

export function FormioForm({ schema, answers, onChange, problems = {}, prefilled, disabled = false }: Props) {
  const { t } = useTranslation();
  const base = useId();
  const set = (key: string, value: unknown) => onChange({ ...answers, [key]: value });

  function field(c: Json, path: string): ReactNode {
    const key = str(c.key);
    const id = `${base}-${key}`;
    const label = str(c.label) || key;
    const validate = isObject(c.validate) ? c.validate : {};
    const required = validate.required === true;
    const value = answers[key];
    const problem = problems[key];
    const describedBy = problem ? `${id}-error` : undefined;
    const common = {
      id,
      name: key,
      disabled,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': describedBy,
      'data-testid': `portal-field-${key}`,
    } as const;
    let control: ReactNode;
    switch (c.type) {
      case 'textarea':
        control = (
          <textarea
            {...common}
            className="field-input min-h-[5rem]"
            value={str(value)}
            onChange={(e) => set(key, e.target.value)}
          />
        );
        break;
      case 'number':
        control = (
          <input
            {...common}
            type="number"
            dir="ltr"
            className="field-input max-w-[12rem]"
            value={typeof value === 'number' ? String(value) : ''}
            min={typeof validate.min === 'number' ? validate.min : undefined}
            max={typeof validate.max === 'number' ? validate.max : undefined}
            onChange={(e) => set(key, e.target.value === '' ? undefined : Number(e.target.value))}
          />
        );
        break;
      case 'checkbox':
        return (
          <div key={path} className="flex items-center gap-2">
            <input {...common} type="checkbox" checked={value === true} onChange={(e) => set(key, e.target.checked)} />
            <label htmlFor={id} className="text-sm">
              {label}
            </label>
            {problem ? (
              <p id={`${id}-error`} className="field-error">
                {t(`portal.rules.${problem as 'required'}`, {
                  defaultValue: t('validation.invalid'),
                })}
              </p>
            ) : null}
          </div>
        );
      case 'select':
        control = (
          <select
            {...common}
            className="field-input max-w-[20rem]"
            value={value === undefined ? '' : String(value)}
            onChange={(e) => set(key, e.target.value === '' ? undefined : e.target.value)}
          >
            <option value="">—</option>
            {choices(c).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        );
        break;
      case 'radio':
        control = (
          <div
            role="radiogroup"
            aria-labelledby={`${id}-label`}
            className="flex flex-wrap gap-4"
            data-testid={`portal-field-${key}`}
          >
            {choices(c).map((o) => (
              <label key={o.value} className="flex items-center gap-1 text-sm">
                <input
                  type="radio"
                  name={key}
                  disabled={disabled}
                  checked={String(value) === o.value}
                  onChange={() => set(key, o.value)}
                />{' '}
                {o.label}
              </label>
            ))}
          </div>
        );
        break;
      case 'selectboxes': {
        const boxes = isObject(value) ? value : {};
        control = (
          <div className="flex flex-wrap gap-4" data-testid={`portal-field-${key}`}>
            {choices(c).map((o) => (
              <label key={o.value} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  disabled={disabled}
                  checked={boxes[o.value] === true}
                  onChange={(e) => set(key, { ...boxes, [o.value]: e.target.checked })}
                />{' '}
                {o.label}
              </label>
            ))}
          </div>
        );
        break;
      }
      case 'datetime':
        control = (
          <input
            {...common}
            type="date"
            dir="ltr"
            className="field-input max-w-[12rem]"
            value={str(value).slice(0, 10)}
            onChange={(e) => set(key, e.target.value === '' ? undefined : e.target.value)}
          />
        );
        break;
      default:
        control = (
          <input
            {...common}
            type={c.type === 'email' ? 'email' : c.type === 'phoneNumber' ? 'tel' : 'text'}
            dir={c.type === 'email' || c.type === 'phoneNumber' ? 'ltr' : undefined}
            className="field-input"
            value={str(value)}
            maxLength={typeof validate.maxLength === 'number' ? validate.maxLength : undefined}
            onChange={(e) => set(key, e.target.value === '' ? undefined : e.target.value)}
          />
        );
    }
    return (
      <div key={path}>
        <label id={`${id}-label`} htmlFor={id} className="field-label">
          {label}
          {required ? (
            <span aria-hidden="true" className="text-bad-fg">
              {' '}
              *
            </span>
          ) : null}
          {prefilled?.has(key) ? (
            <span className="ms-2 text-xs text-slate-500" data-testid={`portal-prefilled-${key}`}>
              ✓ ID
            </span>
          ) : null}
        </label>
        {control}
        {problem ? (
          <p id={`${id}-error`} className="field-error" data-testid={`portal-error-${key}`} data-rule={problem}>
            {t(`portal.rules.${problem as 'required'}`, { defaultValue: t('validation.invalid') })}
          </p>
        ) : null}
      </div>
    );
  }

  function node(raw: unknown, path: string): ReactNode {
    if (!isObject(raw) || typeof raw.type !== 'string' || !shown(raw, answers)) return null;
    switch (raw.type) {
      case 'button':
      case 'htmlelement':
      case 'content':
        return null;
      case 'panel':
      case 'fieldset':
      case 'well':
        return (
          <fieldset key={path} className="space-y-3 rounded-md border border-slate-200 p-4">
            {str(raw.title) || str(raw.legend) ? (
              <legend className="px-1 text-sm font-semibold">{str(raw.title) || str(raw.legend)}</legend>
            ) : null}
            {children(raw).map((c, i) => node(c, `${path}.${i}`))}
          </fieldset>
        );
      case 'columns':
        return (
          <div key={path} className="grid gap-4 sm:grid-cols-2">
            {(Array.isArray(raw.columns) ? raw.columns : []).filter(isObject).map((col, i) => (
              <div key={i} className="space-y-3">
                {children(col).map((c, j) => node(c, `${path}.${i}.${j}`))}
              </div>
            ))}
          </div>
        );
      default:
        return field(raw, path);
    }
  }

  return (
    <div className="space-y-4" data-testid="portal-form">
      {(Array.isArray(schema.components) ? schema.components : []).map((c, i) => node(c, String(i)))}
    </div>
  );
}
