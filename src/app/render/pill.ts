/** The outcome pill, coloured by outcome. */
import { fw } from '../dom';
import { outcomeColor, outcomeLabel } from '../format';
import type { Outcome } from '../types';

export function outcomePill(outcome: Outcome): HTMLElement {
  return fw('fw-pill', { color: outcomeColor(outcome), class: 'pill', 'data-outcome': outcome }, [outcomeLabel(outcome)]);
}

/** A small secondary button; `data-action` names what it does. */
export function smallButton(label: string, action: string, color = 'secondary'): HTMLElement {
  return fw('fw-button', { size: 'small', color, 'data-action': action }, [label]);
}
