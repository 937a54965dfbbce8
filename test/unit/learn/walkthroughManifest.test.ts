/** package.json's walkthrough is the lessons' table: one step per lesson, each completed by its context key, with its picture and its texts in English and Korean. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { contextKey, lessonSteps } from '../../../src/learn/lessons';

const read = (file: string) => JSON.parse(fs.readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'));
const manifest = read('package.json');
const english: Record<string, string> = read('package.nls.json');
const korean: Record<string, string> = read('package.nls.ko.json');

interface Step { id: string; title: string; description: string; media: { image: string; altText: string }; completionEvents: string[] }

describe('the walkthrough in package.json', () => {
  const walkthrough = (manifest.contributes.walkthroughs as { id: string; title: string; description: string; steps: Step[] }[] | undefined)?.find((w) => w.id === 'berth.learn');

  it('is contributed, with one step per lesson in the lessons\' order', () => {
    assert.ok(walkthrough, 'contributes.walkthroughs has no berth.learn');
    assert.deepEqual(walkthrough.steps.map((s) => s.id), [...lessonSteps]);
  });

  it('completes each step only on its context key (set from what the engine reports), never on a click', () => {
    for (const step of walkthrough?.steps ?? []) assert.deepEqual(step.completionEvents, [`onContext:${contextKey(step.id as (typeof lessonSteps)[number])}`], step.id);
  });

  it('has a picture for each step in the extension, and every text in English and Korean', () => {
    const keys = [walkthrough?.title, walkthrough?.description];
    for (const step of walkthrough?.steps ?? []) {
      assert.ok(fs.existsSync(new URL(`../../../${step.media.image}`, import.meta.url)), step.media.image);
      assert.doesNotMatch(fs.readFileSync(new URL(`../../../${step.media.image}`, import.meta.url), 'utf8'), /https?:\/\/(?!www\.w3\.org\/2000\/svg)/, `${step.media.image} loads nothing remote`);
      keys.push(step.title, step.description, step.media.altText);
    }
    for (const placeholder of keys) {
      const key = /^%(.+)%$/.exec(placeholder ?? '')?.[1];
      assert.ok(key, `${placeholder} is not a %key%`);
      assert.ok(english[key], `package.nls.json has no ${key}`);
      assert.ok(korean[key], `package.nls.ko.json has no ${key}`);
      // The buttons: each command link of the English text is in the Korean one too.
      const links = (text: string) => [...text.matchAll(/\(command:([^)]+)\)/g)].map((m) => m[1]);
      assert.deepEqual(links(korean[key]), links(english[key]), key);
    }
  });
});
