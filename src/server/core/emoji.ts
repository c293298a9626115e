/**
 * A status emoji as Freshchat shows it. The event's `emoji` is the character itself or a shortcode
 * name (`calendar`, `:calendar:`). A name becomes its character through Slack's shortcode table
 * (iamcal's, as emojibase publishes it: the names emoji pickers use); anything that is neither an
 * emoji nor a known name becomes nothing, so no raw shortcode reaches a destination.
 */
import shortcodes from 'emojibase-data/en/shortcodes/iamcal.json';

const SHORTCODE = /^:?([a-z0-9_+-]+):?$/i;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

const TABLE = shortcodes as Record<string, string | string[]>;

/** The emoji a shortcode name stands for: a scan of the table, cheaper than building a map per cold invocation. */
function characterOf(name: string): string | null {
  for (const hexcode in TABLE) {
    const names = TABLE[hexcode];
    if (names !== name && !(Array.isArray(names) && names.includes(name))) continue;
    const character = String.fromCodePoint(...hexcode.split('-').map((hex) => parseInt(hex, 16)));
    // A lone code point shown as text by default (❤, ☀) needs the emoji variation selector.
    return !hexcode.includes('-') && !/\p{Emoji_Presentation}/u.test(character) ? `${character}\uFE0F` : character;
  }
  return null;
}

/** `calendar` or `:calendar:` becomes 📆; an emoji character stays as it is; anything else is null. */
export function emojiText(emoji: string | null): string | null {
  const text = emoji?.trim();
  if (!text) return null;
  const name = SHORTCODE.exec(text)?.[1];
  if (name !== undefined) return characterOf(name.toLowerCase());
  return EMOJI.test(text) ? text : null;
}
