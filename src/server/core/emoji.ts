/**
 * A status emoji as Freshchat shows it. The event's `emoji` is the character itself or a shortcode
 * name (`calendar`, `:calendar:`). A name becomes its character through Slack's shortcode table
 * (iamcal's, as emojibase publishes it: the names emoji pickers use); anything that is neither an
 * emoji nor a known name becomes nothing, so no raw shortcode reaches a destination.
 */
import shortcodes from 'emojibase-data/en/shortcodes/iamcal.json';

const SHORTCODE = /^:?([a-z0-9_+-]+):?$/i;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

let characters: Map<string, string> | undefined;

/** Shortcode name → emoji character, built on first use. */
function byName(): Map<string, string> {
  if (characters) return characters;
  characters = new Map();
  for (const [hexcode, names] of Object.entries(shortcodes as Record<string, string | string[]>)) {
    let character = String.fromCodePoint(...hexcode.split('-').map((hex) => parseInt(hex, 16)));
    // A lone code point shown as text by default (❤, ☀) needs the emoji variation selector.
    if (!hexcode.includes('-') && !/\p{Emoji_Presentation}/u.test(character)) character += '\uFE0F';
    for (const name of typeof names === 'string' ? [names] : names) characters.set(name, character);
  }
  return characters;
}

/** `calendar` or `:calendar:` becomes 📆; an emoji character stays as it is; anything else is null. */
export function emojiText(emoji: string | null): string | null {
  const text = emoji?.trim();
  if (!text) return null;
  const name = SHORTCODE.exec(text)?.[1];
  if (name !== undefined) return byName().get(name.toLowerCase()) ?? null;
  return EMOJI.test(text) ? text : null;
}
