import { DerError, TAG, children, expect } from './der.ts';
import type { Tlv } from './der.ts';
import { dnWithin, formOf, isDnsName, readGeneralName } from './names.ts';
import type { DistinguishedName, GeneralName, NameForm } from './names.ts';
import { fault } from './verdict.ts';
import type { Fault } from './verdict.ts';

/**
 * Name constraints (RFC 5280 4.2.1.10) for the DNS, e-mail, IP and directory-name forms. Other
 * forms are not processed, so a constraint on one of them refuses any later certificate that
 * carries a name of that form, as the RFC requires of a critical extension.
 */
export interface NameConstraints {
  permitted: GeneralName[];
  excluded: GeneralName[];
  /** The same subtrees grouped by name form, so each name meets only its own kind. */
  byForm: Map<NameForm, { permitted: GeneralName[]; excluded: GeneralName[] }>;
  /** A base we cannot interpret (wildcard or leading-dot DNS, IP without a CIDR mask, bad mailbox). */
  problem?: string;
}

const PROCESSED_FORMS = new Set<NameForm>(['dns', 'email', 'ip', 'dn']);

function subtrees(buf: Uint8Array, t: Tlv): GeneralName[] {
  const items = children(buf, t);
  if (items.length === 0) throw new DerError('GeneralSubtrees must not be empty');
  return items.map((s) => {
    const [base, ...rest] = children(buf, expect(s, TAG.SEQUENCE, 'GeneralSubtree'));
    if (!base) throw new DerError('GeneralSubtree without base');
    // RFC 5280: minimum MUST be zero (so omitted in DER), maximum MUST be absent.
    if (rest.length > 0) throw new DerError('GeneralSubtree minimum/maximum not allowed');
    return readGeneralName(buf, base);
  });
}

export function readNameConstraints(buf: Uint8Array, t: Tlv): NameConstraints {
  expect(t, TAG.SEQUENCE, 'nameConstraints');
  const nc: NameConstraints = { permitted: [], excluded: [], byForm: new Map() };
  let last = -1;
  for (const c of children(buf, t)) {
    const n = c.tag - 0xa0;
    if (n <= last || n > 1) throw new DerError('nameConstraints: bad field');
    last = n;
    (n === 0 ? nc.permitted : nc.excluded).push(...subtrees(buf, c));
  }
  if (last === -1) throw new DerError('nameConstraints must not be empty');
  const group = (form: NameForm) => {
    let g = nc.byForm.get(form);
    if (!g) nc.byForm.set(form, (g = { permitted: [], excluded: [] }));
    return g;
  };
  for (const b of nc.permitted) group(formOf(b)).permitted.push(b);
  for (const b of nc.excluded) group(formOf(b)).excluded.push(b);
  for (const base of [...nc.permitted, ...nc.excluded]) {
    const problem = baseProblem(base);
    if (problem) {
      nc.problem = problem;
      break;
    }
  }
  return nc;
}

const isMailbox = (s: string): boolean => {
  const at = s.indexOf('@');
  return at > 0 && at === s.lastIndexOf('@') && isDnsName(s.slice(at + 1), false);
};

function contiguousMask(mask: Uint8Array): boolean {
  let zero = false;
  for (const byte of mask)
    for (let bit = 7; bit >= 0; bit--) {
      const on = (byte >> bit) & 1;
      if (on && zero) return false;
      if (!on) zero = true;
    }
  return true;
}

function baseProblem(base: GeneralName): string | null {
  switch (base.kind) {
    case 'dns':
      return base.value === '' || isDnsName(base.value, false)
        ? null
        : `DNS constraint "${base.value}" is not a host name`;
    case 'email': {
      const v = base.value;
      const ok = v.includes('@') ? isMailbox(v) : isDnsName(v.startsWith('.') ? v.slice(1) : v, false);
      return ok ? null : `e-mail constraint "${v}" is malformed`;
    }
    case 'ip': {
      const n = base.bytes.length;
      if (n !== 8 && n !== 32) return `IP constraint of ${n} bytes is not address+mask`;
      return contiguousMask(base.bytes.subarray(n / 2)) ? null : 'IP constraint mask is not a CIDR prefix';
    }
    default:
      return null;
  }
}

const dnsWithin = (name: string, base: string): boolean => base === '' || name === base || name.endsWith(`.${base}`);

/** A wildcard SAN stands for every name one label below its base; be defensive in both directions. */
function dnsMatches(name: string, base: string, excluded: boolean): boolean {
  const n = name.toLowerCase();
  const b = base.toLowerCase();
  if (!n.startsWith('*.')) return dnsWithin(n, b);
  const rest = n.slice(2);
  // permitted: every expansion must lie inside; excluded: any expansion may hit it.
  return dnsWithin(rest, b) || (excluded && b.endsWith(`.${rest}`));
}

function emailMatches(name: string, base: string): boolean {
  const at = name.lastIndexOf('@');
  const domain = name.slice(at + 1).toLowerCase();
  const b = base.toLowerCase();
  if (base.includes('@')) {
    const bat = base.lastIndexOf('@');
    return name.slice(0, at) === base.slice(0, bat) && domain === base.slice(bat + 1).toLowerCase();
  }
  return b.startsWith('.') ? domain.endsWith(b) : domain === b;
}

function ipMatches(addr: Uint8Array, base: Uint8Array): boolean {
  if (base.length !== addr.length * 2) return false;
  for (let i = 0; i < addr.length; i++) {
    const mask = base[addr.length + i]!;
    if ((addr[i]! & mask) !== (base[i]! & mask)) return false;
  }
  return true;
}

function matches(name: GeneralName, base: GeneralName, excluded: boolean): boolean {
  if (name.kind === 'dns' && base.kind === 'dns') return dnsMatches(name.value, base.value, excluded);
  if (name.kind === 'email' && base.kind === 'email') return emailMatches(name.value, base.value);
  if (name.kind === 'ip' && base.kind === 'ip') return ipMatches(name.bytes, base.bytes);
  if (name.kind === 'dn' && base.kind === 'dn') return dnWithin(name.dn, base.dn);
  return false;
}

function nameProblem(name: GeneralName): string | null {
  if (name.kind === 'dns') return isDnsName(name.value, true) ? null : `DNS name "${name.value}" is malformed`;
  if (name.kind === 'email') return isMailbox(name.value) ? null : `e-mail address "${name.value}" is malformed`;
  return null;
}

const describe = (n: GeneralName): string => {
  switch (n.kind) {
    case 'dns':
    case 'email':
    case 'uri':
      return n.value;
    case 'ip':
      return n.bytes.length === 4 ? n.bytes.join('.') : Buffer.from(n.bytes).toString('hex');
    case 'dn':
      return n.dn.text || '(empty)';
    default:
      return n.form;
  }
};

/** Comparisons left before the check gives up (quadratic inputs such as 2,048 names × 2,048 subtrees). */
export interface ConstraintBudget {
  comparisons: number;
}

/** The names a certificate is bound to, as name constraints see them. */
export function constrainedNames(
  subject: DistinguishedName,
  emailsInSubject: string[],
  san: GeneralName[] | undefined,
): GeneralName[] {
  const names: GeneralName[] = [];
  if (subject.rdns.length > 0) names.push({ kind: 'dn', dn: subject });
  if (san) names.push(...san);
  // RFC 5280: without a SAN, rfc822 constraints apply to emailAddress attributes of the subject.
  else for (const value of emailsInSubject) names.push({ kind: 'email', value });
  return names;
}

export function checkNameConstraints(
  names: GeneralName[],
  nc: NameConstraints,
  budget: ConstraintBudget,
): Fault | null {
  if (nc.problem) return fault('PD_PKI_005', 'nameConstraints', nc.problem);
  for (const name of names) {
    const form = formOf(name);
    const group = nc.byForm.get(form);
    if (!group) continue;
    const { permitted, excluded } = group;
    if (!PROCESSED_FORMS.has(form))
      return fault('PD_PKI_005', 'nameConstraints', `constraints on ${form} names cannot be processed`);
    const problem = nameProblem(name);
    if (problem) return fault('PD_PKI_005', 'nameConstraints', `${problem} under a name constraint`);
    budget.comparisons -= permitted.length + excluded.length;
    if (budget.comparisons < 0) return fault('PD_PKI_008', 'budget', 'name-constraint work limit reached');
    if (excluded.some((b) => matches(name, b, true)))
      return fault('PD_PKI_005', 'nameConstraints', `${form} name ${describe(name)} is in an excluded subtree`);
    if (permitted.length > 0 && !permitted.some((b) => matches(name, b, false)))
      return fault('PD_PKI_005', 'nameConstraints', `${form} name ${describe(name)} is outside the permitted subtrees`);
  }
  return null;
}
