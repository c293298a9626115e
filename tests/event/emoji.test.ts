import { emojiText } from '../../src/server/core/emoji';

describe('emojiText: a status emoji as Freshchat shows it', () => {
  test.each([
    ['calendar', '📆'],
    ['date', '📅'],
    [':joy:', '😂'],
    ['JOY', '😂'],
    [' coffee ', '☕'],
    ['heart', '❤️'],
    ['hash', '#️⃣'],
    ['+1', '👍'],
    ['flag-se', '🇸🇪'],
  ])('the shortcode %j becomes %s', (shortcode, character) => {
    expect(emojiText(shortcode)).toBe(character);
  });

  test.each(['📅', '👨‍👩‍👧', '🇸🇪', '👍🏽'])('the character %s stays as it is', (character) => {
    expect(emojiText(character)).toBe(character);
  });

  test.each([null, '', '   ', 'no_such_emoji', ':no_such_emoji:', 'out to lunch', '<b>'])('%j becomes nothing', (value) => {
    expect(emojiText(value)).toBeNull();
  });
});
