// Writes docs/reference.md, the element reference, from the custom-elements manifest
// (dist/custom-elements.json, built by `npm run manifest` from the classes' JSDoc).
// `node scripts/reference.mjs --check` fails when docs/reference.md is not what the manifest
// gives, so the reference can never drift from the code.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

/**
 * @typedef {{ text?: string }} TypeRef
 * @typedef {{ name: string, type?: TypeRef, default?: string, description?: string, optional?: boolean }} Parameter
 * @typedef {{ kind: string, name: string, static?: boolean, privacy?: string, readonly?: boolean,
 *   type?: TypeRef, default?: string, description?: string, attribute?: string, reflects?: boolean,
 *   parameters?: Parameter[], return?: { type?: TypeRef } }} Member
 * @typedef {{ name?: string, type?: TypeRef, description?: string, default?: string, fieldName?: string }} Entry
 * @typedef {{ kind: string, name: string, tagName?: string, customElement?: boolean, summary?: string,
 *   description?: string, members?: Member[], attributes?: Entry[], events?: Entry[], slots?: Entry[],
 *   cssParts?: Entry[], cssProperties?: Entry[] }} Declaration
 * @typedef {{ modules: { path: string, declarations?: Declaration[] }[] }} Manifest
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const manifestPath = `${root}dist/custom-elements.json`;
const referencePath = `${root}docs/reference.md`;
/** The order elements appear in; any other element follows, by tag name. */
const ORDER = ['stream-chat', 'token-view', 'stop-button'];

/** @param {string | undefined} text */
function cell(text) {
  return (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** @param {string | undefined} text */
function code(text) {
  return text ? `\`${cell(text)}\`` : '';
}

/**
 * @param {string[]} header
 * @param {string[][]} rows
 */
function table(header, rows) {
  if (rows.length === 0) return '';
  return [header, header.map(() => '---'), ...rows]
    .map((row) => `| ${row.join(' | ')} |`)
    .join('\n');
}

/** @param {Member} member */
function isPublic(member) {
  return !member.privacy && !member.name.startsWith('#');
}

/** @param {Member} method */
function signature(method) {
  const parameters = (method.parameters ?? [])
    .map((parameter) => {
      const optional = parameter.optional || parameter.default !== undefined ? '?' : '';
      return `${parameter.name}${optional}${parameter.type?.text ? `: ${parameter.type.text}` : ''}`;
    })
    .join(', ');
  const returns = method.return?.type?.text ?? 'void';
  return `${method.static ? 'static ' : ''}${method.name}(${parameters}): ${returns}`;
}

/**
 * @param {string} title
 * @param {string} body
 */
function section(title, body) {
  return body ? `### ${title}\n\n${body}\n` : '';
}

/** @param {Declaration} element */
function render(element) {
  const members = (element.members ?? []).filter(isPublic);
  const fields = members.filter((member) => member.kind === 'field');
  const attributes = table(
    ['Attribute', 'Property', 'Type', 'Default', 'Description'],
    (element.attributes ?? []).map((attribute) => {
      const field = fields.find((member) => member.name === attribute.fieldName);
      return [
        code(attribute.name),
        code(attribute.fieldName),
        code(attribute.type?.text),
        code(attribute.default),
        cell(`${attribute.description ?? ''}${field?.reflects ? ' Reflected.' : ''}`),
      ];
    }),
  );
  const properties = table(
    ['Property', 'Type', 'Default', 'Description'],
    fields
      .filter((field) => !field.attribute)
      .map((field) => [
        code(field.name),
        code(field.type?.text),
        code(field.default),
        cell(`${field.readonly ? 'Read-only. ' : ''}${field.description ?? ''}`),
      ]),
  );
  const methods = table(
    ['Method', 'Description'],
    members
      .filter((member) => member.kind === 'method')
      .map((method) => [code(signature(method)), cell(method.description)]),
  );
  const events = table(
    ['Event', 'Type', 'Description'],
    (element.events ?? [])
      .filter((event) => event.name)
      .map((event) => [code(event.name), code(event.type?.text), cell(event.description)]),
  );
  const named = (/** @type {Entry[] | undefined} */ entries) =>
    (entries ?? []).map((entry) => [code(entry.name), cell(entry.description)]);
  const slots = table(['Slot', 'Description'], named(element.slots));
  const parts = table(['Part', 'Description'], named(element.cssParts));
  const cssProperties = table(
    ['Property', 'Default', 'Description'],
    (element.cssProperties ?? []).map((property) => [
      code(property.name),
      code(property.default),
      cell(property.description),
    ]),
  );
  return [
    `## \`<${element.tagName}>\``,
    '',
    `${element.summary ?? ''} Class \`${element.name}\`.`,
    '',
    element.description ?? '',
    '',
    section('Attributes', attributes),
    section('Properties', properties),
    section('Methods', methods),
    section('Events', events),
    section('Slots', slots),
    section('CSS parts', parts),
    section('CSS custom properties', cssProperties),
  ].join('\n');
}

/** @param {Manifest} manifest */
async function reference(manifest) {
  const elements = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .sort((a, b) => {
      const rank = (/** @type {Declaration} */ element) => {
        const index = ORDER.indexOf(element.tagName ?? '');
        return index === -1 ? ORDER.length : index;
      };
      return rank(a) - rank(b) || (a.tagName ?? '').localeCompare(b.tagName ?? '');
    });
  const markdown = [
    '# Element reference',
    '',
    '<!-- Generated by `npm run reference` from dist/custom-elements.json: edit the JSDoc of the',
    'element classes, not this file. `npm run checks` fails when it is out of date. -->',
    '',
    ...elements.map(render),
  ].join('\n');
  const options = (await prettier.resolveConfig(referencePath)) ?? {};
  return prettier.format(markdown, { ...options, parser: 'markdown' });
}

const check = process.argv.includes('--check');
/** @type {Manifest} */
let manifest;
try {
  manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
} catch (error) {
  console.error(`Cannot read ${manifestPath} (${String(error)}): run \`npm run manifest\` first.`);
  process.exit(1);
}
const expected = await reference(manifest);
if (check) {
  const actual = await readFile(referencePath, 'utf8').catch(() => '');
  if (actual !== expected) {
    console.error('docs/reference.md is out of date with the elements: run `npm run reference`.');
    process.exit(1);
  }
  console.log('docs/reference.md matches the custom-elements manifest.');
} else {
  await writeFile(referencePath, expected);
  console.log('Wrote docs/reference.md.');
}
