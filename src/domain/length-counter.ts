/**
 * The message box's counter: hidden while there is plenty of room, "3,650 /
 * 4,000" once a message is within a tenth of the limit, and a clear refusal
 * past it (the box does not cut a long paste silently; Send waits until the
 * message is short enough). The console's reply box and the widget's message
 * box both show it.
 */
export type LengthBand = 'room' | 'near' | 'full' | 'over';

export interface LengthCounter {
  band: LengthBand;
  /** "3,650 / 4,000", or null while there is plenty of room. */
  count: string | null;
  /** Says what to do; null until the limit is reached. */
  problem: string | null;
  /**
   * The words a polite live region reads: they change only when the band does
   * (near, at, over the limit), never on each keystroke.
   */
  announcement: string;
}

/** The counter shows from this share of the limit on. */
const NEAR_SHARE = 0.9;

const number = new Intl.NumberFormat('en-US');

export function lengthCounter(length: number, limit: number): LengthCounter {
  const band: LengthBand =
    length > limit ? 'over' : length === limit ? 'full' : length >= Math.ceil(limit * NEAR_SHARE) ? 'near' : 'room';
  const max = number.format(limit);
  const count = band === 'room' ? null : `${number.format(length)} / ${max}`;
  const over = length - limit;
  return {
    band,
    count,
    problem:
      band === 'over'
        ? `${number.format(over)} ${over === 1 ? 'character' : 'characters'} over the limit of ${max}: shorten the message to send it.`
        : band === 'full'
          ? `This is the limit of ${max} characters.`
          : null,
    announcement:
      band === 'near'
        ? `Close to the limit of ${max} characters.`
        : band === 'full'
          ? `At the limit of ${max} characters.`
          : band === 'over'
            ? `Over the limit of ${max} characters: shorten the message to send it.`
            : '',
  };
}
