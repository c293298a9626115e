/**
 * The front-end check of secure iparams in request templates (src/app/template-exposure.ts): against
 * the platform client's answers, and against the runtime under both readings of frontEndSecureIparams.
 */
import sinon from 'sinon';

import { ManualClock } from '../../simulator/runtime';
import { startLocalApp, type LocalApp } from '../../simulator/local-app';
import { checkTemplateExposure } from '../../src/app/template-exposure';

const TOKEN = 'eyJhbGciOiJub25lIn0.c2VjcmV0LXRva2Vu.';

const answering = (answer: Promise<{ status: number; response: string }>) => ({ invokeTemplate: sinon.stub().returns(answer) });
const refusing = (status: number, response = '') => answering(Promise.reject({ status, headers: {}, response, errorSource: 'APP' }));

describe('front-end template check', () => {
  it('a token for the page: exposed, with the least-privilege advice, and the token appears nowhere in the answer', async () => {
    const request = answering(Promise.resolve({ status: 200, response: JSON.stringify({ access_token: TOKEN, expires_in: 3600 }) }));
    const result = await checkTemplateExposure(request);
    expect(result).toEqual([
      expect.objectContaining({ destination: 'CustomerGauge', status: 'exposed', advice: expect.stringContaining('least privilege') }),
    ]);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(request.invokeTemplate.calledOnceWith('customerGaugeToken', { body: 'grant_type=client_credentials' })).toBe(true);
  });

  it.each([
    [400, 'Unable to render the template: iparam cg_client_credentials is missing'],
    [400, '{"error":"invalid_client"}'],
    [401, '{"error":"invalid_client"}'],
  ])('refused with %i: not exposed', async (status, response) => {
    await expect(checkTemplateExposure(refusing(status, response))).resolves.toEqual([expect.objectContaining({ status: 'not_exposed' })]);
  });

  it.each([[429], [502], [503], [504], [undefined]])('%p settles nothing: unknown', async (status) => {
    const request = answering(Promise.reject(status === undefined ? new Error('offline') : { status, headers: {}, response: '' }));
    await expect(checkTemplateExposure(request)).resolves.toEqual([expect.objectContaining({ status: 'unknown' })]);
  });

  describe('against the runtime and the fake CustomerGauge', () => {
    let local: LocalApp | undefined;
    afterEach(async () => {
      await local?.close();
      local = undefined;
    });
    const pageRequest = (runtime: LocalApp['runtime']) => ({
      invokeTemplate: (name: string, options: { body?: string }) =>
        runtime.invokeTemplate(name, options) as Promise<{ status: number; response: string }>,
    });

    it("frontEndSecureIparams 'substituted': exposed", async () => {
      local = await startLocalApp({ clock: new ManualClock(), coverage: false });
      await expect(checkTemplateExposure(pageRequest(local.runtime))).resolves.toEqual([expect.objectContaining({ status: 'exposed' })]);
    });

    it("frontEndSecureIparams 'withheld': not exposed, nothing reaches CustomerGauge", async () => {
      local = await startLocalApp({ clock: new ManualClock(), coverage: false, platformRules: { frontEndSecureIparams: 'withheld' } });
      await expect(checkTemplateExposure(pageRequest(local.runtime))).resolves.toEqual([
        expect.objectContaining({ status: 'not_exposed' }),
      ]);
      expect(local.customerGauge.received).toHaveLength(0);
    });
  });
});
