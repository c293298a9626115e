/**
 * Sidebar entry (`chat_conversation` › `conversation_user_info`): the recent pushes of agent
 * status changes to each destination, with their outcomes and retries, and the delivery health
 * of each destination (./health).
 */
import { HistoryApi } from './api';
import { errorMessage } from './errors';
import { Sidebar } from './controller';
import { tabbed } from './health/tabs';
import type { HealthResult } from './health/types';
import { HealthView } from './health/view';
import { el } from './dom';
import { checkTemplateExposure } from './template-exposure';
import { errorView } from './render/states';

function root(): HTMLElement {
  return document.getElementById('app') ?? document.body;
}

async function start(): Promise<void> {
  try {
    const fdk = await app.initialized();
    const pushes = el('div', 'view-panel');
    new Sidebar(new HistoryApi(fdk)).mount(pushes);
    const health = new HealthView(
      async () => (await fdk.request.invoke<HealthResult>('healthCheck', {})).response,
      () => checkTemplateExposure(fdk.request),
    );
    const healthPanel = el('div', 'view-panel');
    const views = tabbed(
      [
        { id: 'pushes', label: 'Pushes', panel: pushes },
        { id: 'health', label: 'Health', panel: healthPanel, onShow: () => health.show(healthPanel) },
      ],
      'Sidebar views',
    );
    root().replaceChildren(views);
  } catch (err) {
    root().replaceChildren(errorView(`The app could not start: ${errorMessage(err)}`));
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
