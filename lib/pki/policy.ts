import { ANY_POLICY } from './extensions.ts';
import type { ParsedCert } from './parse.ts';

/**
 * Certificate policy processing (RFC 5280 6.1.3 (d)–(f), 6.1.4 (a)–(b), (h)–(j), 6.1.5) with the
 * desk's inputs: initial policy set = anyPolicy, no explicit policy demanded by the desk. The
 * valid_policy_tree is kept as the set of its leaf policies, which decides the same question
 * ("is the tree empty when an explicit policy is required?"); qualifiers are not tracked.
 *
 * `path` runs from the certificate issued by the trust anchor down to the leaf. Returns the
 * index of the certificate where the path fails, or -1.
 */
export function policyFailure(path: readonly ParsedCert[]): { index: number; message: string } | -1 {
  const n = path.length;
  let valid: Set<string> | null = new Set([ANY_POLICY]);
  let explicitPolicy = n + 1;
  let inhibitAny = n + 1;
  let policyMapping = n + 1;

  for (let i = 0; i < n; i++) {
    const cert = path[i]!;
    const isLeaf = i === n - 1;
    const { policies, policyMappings, policyConstraints, inhibitAnyPolicy } = cert.ext;
    if (policies && valid) {
      const next = new Set<string>();
      for (const p of policies) if (p !== ANY_POLICY && (valid.has(p) || valid.has(ANY_POLICY))) next.add(p);
      if (policies.includes(ANY_POLICY) && (inhibitAny > 0 || (!isLeaf && cert.selfIssued)))
        for (const p of valid) next.add(p);
      valid = next.size > 0 ? next : null;
    } else if (!policies) valid = null;
    const none = 'an explicit certificate policy is required and none is valid along the path';
    if (explicitPolicy === 0 && valid === null) return { index: i, message: none };

    if (isLeaf) {
      if (explicitPolicy > 0) explicitPolicy--;
      if (policyConstraints?.requireExplicitPolicy === 0) explicitPolicy = 0;
      if (explicitPolicy === 0 && valid === null) return { index: i, message: none };
    } else {
      if (policyMappings) {
        if (policyMappings.some(([a, b]) => a === ANY_POLICY || b === ANY_POLICY))
          return { index: i, message: 'policy mapping to or from anyPolicy' };
        if (valid) {
          const mapped: Set<string> = new Set<string>(valid);
          for (const [issuerDomain, subjectDomain] of policyMappings) {
            if (!valid.has(issuerDomain) && !valid.has(ANY_POLICY)) continue;
            if (policyMapping > 0) mapped.add(subjectDomain);
            else mapped.delete(issuerDomain);
          }
          valid = mapped.size > 0 ? mapped : null;
        }
      }
      if (!cert.selfIssued) {
        if (explicitPolicy > 0) explicitPolicy--;
        if (policyMapping > 0) policyMapping--;
        if (inhibitAny > 0) inhibitAny--;
      }
      if (policyConstraints?.requireExplicitPolicy !== undefined)
        explicitPolicy = Math.min(explicitPolicy, policyConstraints.requireExplicitPolicy);
      if (policyConstraints?.inhibitPolicyMapping !== undefined)
        policyMapping = Math.min(policyMapping, policyConstraints.inhibitPolicyMapping);
      if (inhibitAnyPolicy !== undefined) inhibitAny = Math.min(inhibitAny, inhibitAnyPolicy);
    }
  }
  return -1;
}
