/**
 * Entry of the serverless app: the platform loads the built `server/server.js` as a script and
 * finds the handlers and server methods statically, as the properties of `exports = {...}` whose
 * value is a `function (...) {}` expression (FDK's event-util; `name: identifier` and arrow
 * functions are reported as not defined). Hence the one-line wrappers.
 */
import { onAgentActivityCreate, onAppInstall, onAppUninstall, onScheduledEvent } from './handlers/events';
import {
  countActivitiesMethod,
  healthCheckMethod,
  listActivitiesMethod,
  retryActivityMethod,
  retryAllFailedMethod,
  showActivityMethod,
} from './handlers/methods';

type PayloadOf<Handler extends (payload: never) => unknown> = Parameters<Handler>[0];

exports = {
  onAgentActivityCreateHandler: function (payload: PayloadOf<typeof onAgentActivityCreate>) {
    return onAgentActivityCreate(payload);
  },
  onScheduledEventHandler: function (payload: PayloadOf<typeof onScheduledEvent>) {
    return onScheduledEvent(payload);
  },
  onAppInstallHandler: function () {
    return onAppInstall();
  },
  onAppUninstallHandler: function () {
    return onAppUninstall();
  },
  listActivities: function (args: PayloadOf<typeof listActivitiesMethod>) {
    return listActivitiesMethod(args);
  },
  showActivity: function (args: PayloadOf<typeof showActivityMethod>) {
    return showActivityMethod(args);
  },
  countActivities: function () {
    return countActivitiesMethod();
  },
  retryActivity: function (args: PayloadOf<typeof retryActivityMethod>) {
    return retryActivityMethod(args);
  },
  retryAllFailed: function (args: PayloadOf<typeof retryAllFailedMethod>) {
    return retryAllFailedMethod(args);
  },
  healthCheck: function () {
    return healthCheckMethod();
  },
};
