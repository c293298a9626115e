/**
 * Entry of the serverless app: the platform loads the built `server/server.js` as a script and
 * reads the handlers and server methods from what it assigns to `exports`.
 */
import { onAgentActivityCreate, onAppInstall, onAppUninstall, onScheduledEvent } from './handlers/events';
import {
  countActivitiesMethod,
  listActivitiesMethod,
  retryActivityMethod,
  retryAllFailedMethod,
  showActivityMethod,
} from './handlers/methods';

exports = {
  onAgentActivityCreateHandler: onAgentActivityCreate,
  onScheduledEventHandler: onScheduledEvent,
  onAppInstallHandler: onAppInstall,
  onAppUninstallHandler: onAppUninstall,
  listActivities: listActivitiesMethod,
  showActivity: showActivityMethod,
  countActivities: countActivitiesMethod,
  retryActivity: retryActivityMethod,
  retryAllFailed: retryAllFailedMethod,
};
