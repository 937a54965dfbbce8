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

export const notYet: Record<string, string> = {
  'DL3009Spec.hs:31': 'an ONBUILD apt-get in a stage no later stage uses',
  'DL3009Spec.hs:71': 'an ONBUILD apt-get in a stage no later stage uses',
  'DL3009Spec.hs:185': '`apt` (not apt-get) without cleanup',
  'DL3009Spec.hs:186': '`apt` (not apt-get) without cleanup',
  'DL3009Spec.hs:203': '`aptitude` without cleanup',
  'DL3009Spec.hs:204': '`aptitude` without cleanup',
  'DL3010Spec.hs:35': 'an archive COPYed under another name, then extracted',
  'DL3010Spec.hs:42': 'Windows paths in COPY and tar',
  'DL3010Spec.hs:49': 'Windows paths in COPY and tar',
  'DL3025Spec.hs:46': 'HEALTHCHECK CMD in shell form',
  'DL3026Spec.hs:95': 'COPY --from=<image> from an untrusted registry',
  'DL3026Spec.hs:109': 'RUN --mount=...,from=<image> from an untrusted registry',
  'DL3026Spec.hs:116': 'RUN --mount=...,from=<image> from an untrusted registry',
  'DL3028Spec.hs:49': 'the value of an unknown gem flag (`--use-system-libraries true`) read as a gem',
  'DL3028Spec.hs:50': 'the value of an unknown gem flag (`--use-system-libraries true`) read as a gem',
  'DL3033Spec.hs:106': 'a version variable set in another stage counts as a pin',
  'DL3041Spec.hs:137': 'a version variable set in another stage counts as a pin',
  'DL3049Spec.hs:79': 'missing labels in a named stage another stage builds on',
  'DL3049Spec.hs:107': 'missing labels in a named stage no stage builds on',
  'DL3060Spec.hs:24': '`yarn cache clean` before the install counts',
  'DL3060Spec.hs:95': 'a stage no later stage uses still gets DL3060',
  'DL4001Spec.hs:69': 'only the first use of the second tool is reported',
};
