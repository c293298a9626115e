/**
 * Sidebar entry (`chat_conversation` › `conversation_user_info`): the recent pushes of agent
 * status changes to each destination, with their outcomes and retries.
 */
import { HistoryApi } from './api';
import { errorMessage } from './errors';
import { Sidebar } from './controller';
import { errorView } from './render/states';

function root(): HTMLElement {
  return document.getElementById('app') ?? document.body;
}

async function start(): Promise<void> {
  try {
    const fdk = await app.initialized();
    new Sidebar(new HistoryApi(fdk)).mount(root());
  } catch (err) {
    root().replaceChildren(errorView(`The app could not start: ${errorMessage(err)}`));
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
