/**
 * Which strings of package.json a person sees, and the package.nls key each one has. VS Code
 * replaces any `%key%` string of the manifest from package.nls[.<language>].json; this module
 * names the fields that must use one (so the check can flag a literal) and the key a field
 * gets by the project's convention (so a new entry is named like the others):
 *
 *   commands            <command id>.title, category
 *   views               view.<view id>.name, the container's title viewContainer.<id>.title
 *   viewsWelcome        viewsWelcome.<view id>.<n>   (n counts that view's entries from 1)
 *   configuration       config.<setting>.description, config.<setting>.enumDescriptions.<value>
 *   taskDefinitions     taskDefinition.<type>.<property>.description
 *   languages           language.<id>.name (the first alias; the others are ids)
 *   walkthroughs        walkthrough.<id>.title|description, walkthrough.<id>.<step>.title|description
 *   submenus            submenu.<id>.label
 */

export interface VisibleString {
  /** Where it sits, e.g. contributes.commands[3].title. */
  where: string;
  value: string;
  /** The key the convention gives it. */
  key: string;
}

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(record) : []);
const text = (value: unknown): value is string => typeof value === 'string';

/** Every user-visible string of the manifest, in the order of the file. */
export function visibleStrings(manifest: Json): VisibleString[] {
  const out: VisibleString[] = [];
  visitVisible(manifest, (holder, field, where, key) => {
    const value = (holder as Record<string | number, unknown>)[field];
    if (text(value)) out.push({ where, value, key });
  });
  return out;
}

/** `%key%` in place of every user-visible literal (how package.json was converted; keeps new entries consistent). */
export function replaceWithKeys(manifest: Json): Record<string, string> {
  const english: Record<string, string> = {};
  visitVisible(manifest, (holder, field, _where, key) => {
    const slot = holder as Record<string | number, unknown>;
    const value = slot[field];
    if (!text(value) || nlsKey(value)) return;
    english[key] = value;
    slot[field] = `%${key}%`;
  });
  return english;
}

type Visit = (holder: Json | unknown[], field: string | number, where: string, key: string) => void;

function visitVisible(manifest: Json, visit: Visit): void {
  const add = (holder: Json, field: string, where: string, key: string) => visit(holder, field, where, key);
  add(manifest, 'description', 'description', 'extension.description');
  const untrusted = record(record(manifest.capabilities).untrustedWorkspaces);
  add(untrusted, 'description', 'capabilities.untrustedWorkspaces.description', 'capabilities.untrustedWorkspaces.description');

  const contributes = record(manifest.contributes);
  for (const [place, containers] of Object.entries(record(contributes.viewsContainers))) {
    list(containers).forEach((c, i) => add(c, 'title', `contributes.viewsContainers.${place}[${i}].title`, `viewContainer.${String(c.id)}.title`));
  }
  for (const [container, views] of Object.entries(record(contributes.views))) {
    list(views).forEach((v, i) => {
      add(v, 'name', `contributes.views.${container}[${i}].name`, `view.${String(v.id)}.name`);
      add(v, 'contextualTitle', `contributes.views.${container}[${i}].contextualTitle`, `viewContainer.${container}.title`);
    });
  }
  const welcomeCount = new Map<string, number>();
  list(contributes.viewsWelcome).forEach((w, i) => {
    const n = (welcomeCount.get(String(w.view)) ?? 0) + 1;
    welcomeCount.set(String(w.view), n);
    add(w, 'contents', `contributes.viewsWelcome[${i}].contents`, `viewsWelcome.${String(w.view)}.${n}`);
  });
  list(contributes.commands).forEach((c, i) => {
    add(c, 'title', `contributes.commands[${i}].title`, `${String(c.command)}.title`);
    add(c, 'shortTitle', `contributes.commands[${i}].shortTitle`, `${String(c.command)}.shortTitle`);
    add(c, 'category', `contributes.commands[${i}].category`, 'category');
  });
  list(contributes.submenus).forEach((s, i) => add(s, 'label', `contributes.submenus[${i}].label`, `submenu.${String(s.id)}.label`));
  for (const [i, section] of (Array.isArray(contributes.configuration) ? list(contributes.configuration) : [record(contributes.configuration)]).entries()) {
    add(section, 'title', `contributes.configuration[${i}].title`, 'viewContainer.berth.title');
    for (const [setting, schema] of Object.entries(record(section.properties))) settingStrings(`contributes.configuration.properties.${setting}`, `config.${setting}`, record(schema), visit);
  }
  list(contributes.taskDefinitions).forEach((t, i) => {
    for (const [property, schema] of Object.entries(record(t.properties))) {
      add(record(schema), 'description', `contributes.taskDefinitions[${i}].properties.${property}.description`, `taskDefinition.${String(t.type)}.${property}.description`);
    }
  });
  list(contributes.languages).forEach((l, i) => {
    if (Array.isArray(l.aliases)) visit(l.aliases, 0, `contributes.languages[${i}].aliases[0]`, `language.${String(l.id)}.name`);
  });
  list(contributes.walkthroughs).forEach((w, i) => {
    add(w, 'title', `contributes.walkthroughs[${i}].title`, `walkthrough.${String(w.id)}.title`);
    add(w, 'description', `contributes.walkthroughs[${i}].description`, `walkthrough.${String(w.id)}.description`);
    list(w.steps).forEach((s, j) => {
      const at = `contributes.walkthroughs[${i}].steps[${j}]`;
      add(s, 'title', `${at}.title`, `walkthrough.${String(w.id)}.${String(s.id)}.title`);
      add(s, 'description', `${at}.description`, `walkthrough.${String(w.id)}.${String(s.id)}.description`);
      add(record(s.media), 'altText', `${at}.media.altText`, `walkthrough.${String(w.id)}.${String(s.id)}.altText`);
    });
  });
}

function settingStrings(where: string, key: string, schema: Json, visit: Visit): void {
  for (const field of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) {
    visit(schema, field, `${where}.${field}`, field.includes('eprecation') ? `${key}.deprecationMessage` : `${key}.description`);
  }
  for (const field of ['enumDescriptions', 'markdownEnumDescriptions']) {
    const descriptions = Array.isArray(schema[field]) ? (schema[field] as unknown[]) : [];
    const values = Array.isArray(schema.enum) ? schema.enum : [];
    descriptions.forEach((_d, i) => visit(descriptions, i, `${where}.${field}[${i}]`, `${key}.enumDescriptions.${String(values[i] ?? i).replace(/[^\w.-]/g, '_')}`));
  }
  const items = record(schema.items);
  if (Object.keys(items).length) settingStrings(`${where}.items`, `${key}.items`, items, visit);
}

/** `%key%` → key; undefined for a literal. */
export function nlsKey(value: string): string | undefined {
  return /^%([\w.-]+)%$/.exec(value)?.[1];
}
