/**
 * The English that dockerfile-language-service and dockerfile-utils write, in the display
 * language: the validator's message templates are swapped for translated ones when a
 * bundle is in use (and put back when none is), and the library's hover and completion
 * documentation is translated paragraph by paragraph as it leaves the server. Without a
 * bundle nothing here runs: English output stays exactly the library's.
 */
import * as l10n from '@vscode/l10n';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';
import { MarkdownDocumentation } from 'dockerfile-language-service/lib/dockerMarkdown';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver-types';
import { isLocalized } from '../l10n';

/** The library keeps its templates in a static record (`${0}` placeholders), read at each diagnostic. */
const problems = (Validator as unknown as { dockerProblems: Record<string, string> }).dockerProblems;
const englishProblems = { ...problems };

/** `{0}` in a translation becomes the library's own `${0}`, so it fills in the values itself. */
const p0 = '${0}';
const p1 = '${1}';

function translatedProblems(): Record<string, string> {
  return {
    baseNameEmpty: l10n.t('base name ({0}) should not be blank', p0),
    directiveCasing: l10n.t('Parser directives should be written in lowercase letters'),
    directiveEscapeDuplicated: l10n.t('only one escape parser directive can be used'),
    directiveEscapeInvalid: l10n.t("invalid ESCAPE '{0}'. Must be ` or \\", p0),
    noSourceImage: l10n.t('No source image provided with `FROM`'),
    emptyContinuationLine: l10n.t('Empty continuation line'),
    fromRequiresOneOrThreeArguments: l10n.t('FROM requires either one or three arguments'),
    invalidAs: l10n.t('Second argument should be AS'),
    invalidPort: l10n.t('Invalid containerPort: {0}', p0),
    invalidProtocol: l10n.t('Invalid proto: {0}', p0),
    invalidReferenceFormat: l10n.t('invalid reference format'),
    invalidStopSignal: l10n.t('Invalid signal: {0}', p0),
    invalidSyntax: l10n.t('parsing "{0}": invalid syntax', p0),
    invalidDestination: l10n.t('When using {0} with more than one source file, the destination must be a directory and end with a / or a \\', p0),
    syntaxMissingEquals: l10n.t('Syntax error - can\'t find = in "{0}". Must be of the form: name=value', p0),
    syntaxMissingNames: l10n.t('{0} names cannot be blank', p0),
    syntaxMissingSingleQuote: l10n.t('failed to process "{0}": unexpected end of statement while looking for matching single-quote', p0),
    syntaxMissingDoubleQuote: l10n.t('failed to process "{0}": unexpected end of statement while looking for matching double-quote', p0),
    duplicateBuildStageName: l10n.t('duplicate name {0}', p0),
    invalidBuildStageName: l10n.t('invalid name for build stage: "{0}", name can\'t start with a number or contain symbols', p0),
    flagAtLeastOne: l10n.t('{0} must be at least 1 (not {1})', p0, p1),
    flagDuplicate: l10n.t('Duplicate flag specified: {0}', p0),
    flagInvalidDuration: l10n.t('time: invalid duration {0}', p0),
    flagInvalidFrom: l10n.t('invalid from flag value {0}: invalid reference format', p0),
    flagExpectedBooleanValue: l10n.t('expecting boolean value for flag {0}, not: {1}', p0, p1),
    flagLessThan1ms: l10n.t('Interval "{0}" cannot be less than 1ms', p0),
    flagMissingDuration: l10n.t('time: missing unit in duration {0}', p0),
    flagMissingValue: l10n.t('Missing a value on flag: {0}', p0),
    flagUnknown: l10n.t('Unknown flag: {0}', p0),
    flagUnknownUnit: l10n.t('time: unknown unit {0} in duration {1}', p0, p1),
    instructionExtraArgument: l10n.t('Instruction has an extra argument'),
    instructionMissingArgument: l10n.t('Instruction has no arguments'),
    instructionMultiple: l10n.t('There can only be one {0} instruction in a Dockerfile or build stage. Only the last one will have an effect.', p0),
    instructionRequiresOneArgument: l10n.t('{0} requires exactly one argument', p0),
    instructionRequiresAtLeastOneArgument: l10n.t('{0} requires at least one argument', p0),
    instructionRequiresAtLeastTwoArguments: l10n.t('{0} requires at least two arguments', p0),
    instructionRequiresTwoArguments: l10n.t('{0} must have two arguments', p0),
    instructionUnnecessaryArgument: l10n.t('{0} takes no arguments', p0),
    instructionUnknown: l10n.t('Unknown instruction: {0}', p0),
    instructionCasing: l10n.t('Instructions should be written in uppercase letters'),
    instructionJSONInSingleQuotes: l10n.t('Instruction written as a JSON array but is using single quotes instead of double quotes'),
    variableModifierUnsupported: l10n.t('failed to process "{0}": unsupported modifier ({1}) in substitution', p0, p1),
    onbuildChainingDisallowed: l10n.t('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed'),
    onbuildTriggerDisallowed: l10n.t('{0} isn\'t allowed as an ONBUILD trigger', p0),
    shellJsonForm: l10n.t('SHELL requires the arguments to be in JSON form'),
    shellRequiresOne: l10n.t('SHELL requires at least one argument'),
    deprecatedMaintainer: l10n.t('MAINTAINER has been deprecated'),
    healthcheckCmdArgumentMissing: l10n.t('Missing command after HEALTHCHECK CMD'),
    healthcheckTypeUnknown: l10n.t('Unknown type "{0}" in HEALTHCHECK (try CMD)', p0),
    workdirPathNotAbsolute: l10n.t('WORKDIR paths should be absolute'),
  };
}

/** Puts the validator's templates in the display language (or back in English). Cheap: runs on each configure. */
export function localizeLibraryMessages(): void {
  Object.assign(problems, isLocalized() ? translatedProblems() : englishProblems);
}

/** The first paragraph of each of the library's documentation texts, by its own key. */
function translatedDocs(): Record<string, string> {
  return {
    hoverAdd: l10n.t("Copy files, folders, or remote URLs from `source` to the `dest` path in the image's filesystem."),
    hoverArg: l10n.t('Define a variable with an optional default value that users can override at build-time when using `docker build`.'),
    hoverCmd: l10n.t('Provide defaults for an executing container. If an executable is not specified, then `ENTRYPOINT` must be specified as well. There can only be one `CMD` instruction in a `Dockerfile`.'),
    hoverCopy: l10n.t("Copy files or folders from `source` to the `dest` path in the image's filesystem."),
    hoverEntrypoint: l10n.t('Configures the container to be run as an executable.'),
    hoverEnv: l10n.t('Set the environment variable `key` to the value `value`.'),
    hoverExpose: l10n.t('Define the network `port`s that this container will listen on at runtime.'),
    hoverFrom: l10n.t('Set the `baseImage` to use for subsequent instructions. `FROM` must be the first instruction in a `Dockerfile`.'),
    hoverHealthcheck: l10n.t("Define how Docker should test the container to check that it is still working. Alternatively, disable the base image's `HEALTHCHECK` instruction. There can only be one `HEALTHCHECK` instruction in a `Dockerfile`."),
    hoverLabel: l10n.t('Adds metadata to an image.'),
    hoverMaintainer: l10n.t('Set the _Author_ field of the generated images. This instruction has been deprecated in favor of `LABEL`.'),
    hoverOnbuild: l10n.t('Add a _trigger_ instruction to the image that will be executed when the image is used as a base image for another build.'),
    hoverRun: l10n.t('Execute any commands on top of the current image as a new layer and commit the results.'),
    hoverShell: l10n.t('Override the default shell used for the _shell_ form of commands.'),
    hoverStopsignal: l10n.t('Set the system call signal to use to send to the container to exit. Signals can be valid unsigned numbers or a signal name in the `SIGNAME` format such as `SIGKILL`.'),
    hoverUser: l10n.t('Set the user name or UID to use when running the image in addition to any subsequent `CMD`, `ENTRYPOINT`, or `RUN` instructions that follow it in the `Dockerfile`.'),
    hoverVolume: l10n.t('Create a mount point with the specified name and mark it as holding externally mounted volumes from the native host or from other containers.'),
    hoverWorkdir: l10n.t('Set the working directory for any subsequent `ADD`, `COPY`, `CMD`, `ENTRYPOINT`, or `RUN` instructions that follow it in the `Dockerfile`.'),
    hoverEscape: l10n.t('Sets the character to use to escape characters and newlines in this Dockerfile. If unspecified, the default escape character is `\\`.'),
    hoverSyntax: l10n.t('Set the location of the Dockerfile builder to use for building the current Dockerfile.'),
    hoverAddFlagChown: l10n.t('The username, groupname, or UID/GID combination to own the added content.'),
    hoverCopyFlagChown: l10n.t('The username, groupname, or UID/GID combination to own the copied content.'),
    hoverCopyFlagFrom: l10n.t("The previous build stage to use as the source location instead of the build's context."),
    hoverFromFlagPlatform: l10n.t('The platform of the image if referencing a multi-platform image.'),
    hoverHealthcheckFlagInterval: l10n.t('The seconds to wait for the health check to run after the container has started, and then again the number of seconds to wait before running again after the previous check has completed.'),
    hoverHealthcheckFlagRetries: l10n.t('The number of consecutive failures of this health check before the container is considered to be `unhealthy`.'),
    hoverHealthcheckFlagStartInterval: l10n.t('The number of seconds to wait between health checks during the start period.'),
    hoverHealthcheckFlagStartPeriod: l10n.t('The number of seconds to wait for the container to startup. Failures during this grace period will not count towards the maximum number of retries. However, should a health check succeed during this period then any subsequent failures will count towards the maximum number of retries.'),
    hoverHealthcheckFlagTimeout: l10n.t('The number of seconds to wait for the check to complete before considering it to have failed.'),
    proposalArgNameOnly: l10n.t('Define a variable that users can set at build-time when using `docker build`.'),
    proposalArgDefaultValue: l10n.t('Define a variable with the given default value that users can override at build-time when using `docker build`.'),
    proposalHealthcheckExec: l10n.t('Define how Docker should test the container to check that it is still working. There can only be one `HEALTHCHECK` instruction in a `Dockerfile`.'),
    proposalHealthcheckNone: l10n.t('Disable the `HEALTHCHECK` instruction inherited from the base image if one exists. There can only be one `HEALTHCHECK` instruction in a `Dockerfile`.'),
  };
}

/** English first paragraph → translation, built once per thread, when first needed. */
let docTable: Array<[string, string]> | undefined;

function docReplacements(): Array<[string, string]> {
  if (docTable) return docTable;
  const english = (new MarkdownDocumentation() as unknown as { dockerMessages: Record<string, string> }).dockerMessages;
  const translated = translatedDocs();
  docTable = Object.entries(translated)
    .filter(([key]) => english[key])
    .map(([key, text]): [string, string] => [english[key].split('\n\n')[0], text])
    // Longer first: "Define how Docker ..." must not be cut by a shorter text it contains.
    .sort((a, b) => b[0].length - a[0].length);
  return docTable;
}

/** The library's documentation text in the display language (unchanged without a bundle). */
export function localizeDocText(text: string): string {
  if (!isLocalized()) return text;
  let out = text;
  for (const [english, translated] of docReplacements()) if (out.includes(english)) out = out.split(english).join(translated);
  return out
    .replace(/^Since Docker (.+)$/gm, (_all, version: string) => l10n.t('Since Docker {0}', version))
    .replace(/\[Online documentation\]\(/g, `[${l10n.t('Online documentation')}](`);
}

function localizeContents<T extends string | MarkupContent | undefined>(contents: T): T {
  if (typeof contents === 'string') return localizeDocText(contents) as T;
  if (contents && typeof contents === 'object' && typeof contents.value === 'string') return { ...contents, value: localizeDocText(contents.value) } as T;
  return contents;
}

export function localizeHover(hover: Hover | null): Hover | null {
  if (!hover || !isLocalized()) return hover;
  const contents = hover.contents;
  if (Array.isArray(contents)) return { ...hover, contents: contents.map((part) => (typeof part === 'string' ? localizeDocText(part) : { ...part, value: localizeDocText(part.value) })) };
  return { ...hover, contents: localizeContents(contents as MarkupContent) };
}

export function localizeCompletionItem(item: CompletionItem): CompletionItem {
  if (!isLocalized() || item.documentation === undefined) return item;
  return { ...item, documentation: localizeContents(item.documentation) };
}
