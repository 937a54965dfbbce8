/**
 * Peer cases Berth does not pass, by case id (spec file:line, or Go test:line).
 * `differences`: Berth differs on purpose; the value is the rule page that says why
 * (its "Differences from hadolint/BuildKit" section). `notYet`: behaviour Berth has not
 * matched yet, with what is missing. peers.test.ts fails when a listed case passes.
 */

export const differences: Record<string, string> = {
  // hadolint reads a second --mount after an escaped space (`\    --mount=`, all one line); the builder does not.
  'DL3009Spec.hs:92': 'DL3009',
  'DL3009Spec.hs:98': 'DL3009',
  // Berth lints every stage; a build reports only the stages its target needs.
  'testAllTargetUnmarshal:384': 'UndefinedVar',
  'testLegacyKeyValueFormat:1321': 'LegacyKeyValueFormat',
  // The BUILDKIT_DOCKERFILE_CHECK build argument overrides the file's # check= directive; an editor sees no build arguments.
  'testRuleCheckOption:484': 'FromAsCasing',
  'testRuleCheckOption:507': 'FromAsCasing',
};

export const notYet: Record<string, string> = {};
