/** The outcome pill, coloured by outcome. */
import { fw } from '../dom';
import { outcomeColor, outcomeLabel } from '../format';
import type { Outcome } from '../types';

/**
 * Coloured by the stylesheet (`data-color`), not by Crayons' `color`: its yellow and red text
 * (#e86f25, #d72d30 on their tints) fall short of WCAG AA contrast for 12 px text.
 */
export function outcomePill(outcome: Outcome): HTMLElement {
  return fw('fw-pill', { class: 'pill', 'data-color': outcomeColor(outcome), 'data-outcome': outcome }, [outcomeLabel(outcome)]);
}

/** A small secondary button; `data-action` names what it does. */
export function smallButton(label: string, action: string, color = 'secondary'): HTMLElement {
  return fw('fw-button', { size: 'small', color, 'data-action': action }, [label]);
}
