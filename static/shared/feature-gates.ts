/**
 * What Atlaskit's components get when they ask for a feature gate, in place of Statsig's client (about
 * 28 kB gzip, the largest part of the panel's first JavaScript after React: issue 12). Atlaskit asks through
 * `@atlaskit/platform-feature-flags`, whose only call is `FeatureGates.checkGate(name)`; in a Forge frame
 * nobody initialises that client (Jira's own is in the parent page, another origin), so the real one
 * answers every gate with its override hook or `false`, and so does this. The Vite build swaps it in for
 * that one importer only (vite.base.ts); feature-gates.test.ts checks both claims against the installed
 * packages, so an Atlaskit upgrade that calls more of the client fails a test instead of a gate.
 */
interface Criterion {
  getFeatureFlagOverride?: (gateName: string) => boolean | undefined;
}

function checkGate(gateName: string): boolean {
  try {
    const override = (globalThis as { __CRITERION__?: Criterion }).__CRITERION__?.getFeatureFlagOverride?.(gateName);
    if (override !== undefined) return override;
  } catch {
    // The real client ignores a failing override hook too.
  }
  return false;
}

const FeatureGates = { checkGate };
export default FeatureGates;
