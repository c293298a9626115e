/**
 * A platform call fails while the sidebar reads the history: the answer says what the platform
 * answered, in words (never "[object Object]"), with its status when it gave one (else 500).
 * The platform rejects with plain JSON values, not Error instances, in whatever shape it likes.
 */
import sinon from 'sinon';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
afterEach(async () => {
  sinon.restore();
  await app.close();
});

test.each([
  ['a status and a message', { status: 503, message: 'Service Unavailable' }, { status: 503, message: 'HTTP 503: Service Unavailable' }],
  ['a status alone', { status: 502, message: '' }, { status: 502, message: 'HTTP 502' }],
  ['a message alone', { message: 'socket hang up' }, { status: 500, message: 'socket hang up' }],
  ['a bare string', 'ETIMEDOUT', { status: 500, message: 'ETIMEDOUT' }],
  ['an object of other fields', { code: 'ECONNRESET' }, { status: 500, message: '{"code":"ECONNRESET"}' }],
])('the scheduler fails with %s: the list answers with the words it gave', async (_shape, rejection, expected) => {
  app = await startTestApp();
  sinon.stub(app.runtime.schedules, 'fetch').callsFake(() => Promise.reject(rejection));
  expect(await app.callError('listActivities', { page: { size: 100 } })).toMatchObject(expected);
});

test('the store fails (not for its quota) while Health reads: the answer is that failure, not figures that would be wrong', async () => {
  app = await startTestApp();
  sinon.stub(app.runtime.db, 'get').callsFake(() => Promise.reject({ status: 500, message: 'Internal Server Error' }));
  expect(await app.callError('healthCheck')).toMatchObject({ status: 500, message: 'HTTP 500: Internal Server Error' });
});
