// What happens behind the console's back: the three sandbox platforms called
// from node with the sandbox's own credentials, the way another admin or a
// script would call them. Tests use these to change the platforms' state
// under the console, and to read the secrets a page must never show.
import assert from 'node:assert/strict';
import { sandboxRequest } from './harness.mjs';

/** The sandbox's fixed credentials (sandbox/README.md, "Credentials"). */
export const CREDENTIALS = {
  rocketChatUserId: 'sandboxAdminUserId',
  rocketChatAuthToken: 'sandbox-admin-auth-token',
  ryzeAccountToken: 'sandbox-account-token',
  ryzeInstanceToken: 'sandbox-instance-token',
  altegioPartnerToken: 'sandbox-partner-token',
};

/** The credentials that are secrets (a user ID is not: Rocket.Chat prints it in `_createdBy`). */
export const SECRET_CREDENTIALS = [
  CREDENTIALS.rocketChatAuthToken,
  CREDENTIALS.ryzeAccountToken,
  CREDENTIALS.ryzeInstanceToken,
  CREDENTIALS.altegioPartnerToken,
];

const ROCKET_CHAT_ADMIN = {
  'X-User-Id': CREDENTIALS.rocketChatUserId,
  'X-Auth-Token': CREDENTIALS.rocketChatAuthToken,
};
const RYZE_ACCOUNT = { token: CREDENTIALS.ryzeAccountToken };
const ALTEGIO_PARTNER = {
  Authorization: `Bearer ${CREDENTIALS.altegioPartnerToken}`,
  Accept: 'application/vnd.api.v2+json',
};

function expectStatus(answer, status, what) {
  assert.equal(answer.status, status, `${what} answered ${answer.status}: ${answer.text}`);
  return answer;
}

/** Rocket.Chat: one integration's whole stored document, secrets included (as the admin). */
export async function rocketChatIntegration(integrationId) {
  const answer = await sandboxRequest('GET', `/rocketchat/api/v1/integrations.get?integrationId=${integrationId}`, {
    headers: ROCKET_CHAT_ADMIN,
  });
  return expectStatus(answer, 200, `integrations.get ${integrationId}`).json.integration;
}

/** Rocket.Chat: every integration the admin sees, secrets included. */
export async function rocketChatList() {
  const answer = await sandboxRequest('GET', '/rocketchat/api/v1/integrations.list?count=100', {
    headers: ROCKET_CHAT_ADMIN,
  });
  return expectStatus(answer, 200, 'integrations.list').json;
}

/** Rocket.Chat: removes an integration as the admin. */
export async function rocketChatRemove(integrationId, type) {
  const answer = await sandboxRequest('POST', '/rocketchat/api/v1/integrations.remove', {
    headers: ROCKET_CHAT_ADMIN,
    body: { type, integrationId },
  });
  return expectStatus(answer, 200, `integrations.remove ${integrationId}`).json;
}

/** Rocket.Chat: a password login; returns `{ userId, authToken }`. */
export async function rocketChatLogin(user, password) {
  const answer = await sandboxRequest('POST', '/rocketchat/api/v1/login', { body: { user, password } });
  return expectStatus(answer, 200, `login ${user}`).json.data;
}

/** RyzeAPI: an instance's Chatwoot record, `chatwoot_api_token` included. */
export async function ryzeChatwoot(instance) {
  const answer = await sandboxRequest('GET', `/ryze/api/chatwoot/list/${instance}`, { headers: RYZE_ACCOUNT });
  return expectStatus(answer, 200, `chatwoot/list/${instance}`).json;
}

/** RyzeAPI: removes an instance's Chatwoot link with the account token. */
export async function ryzeDelete(instance) {
  const answer = await sandboxRequest('DELETE', `/ryze/api/chatwoot/delete/${instance}`, { headers: RYZE_ACCOUNT });
  return expectStatus(answer, 200, `chatwoot/delete/${instance}`).json;
}

/**
 * RyzeAPI: spends the account token's rate limit (100 calls per window) until
 * the sandbox answers 429. Returns that 429.
 */
export async function ryzeExhaustRateLimit() {
  for (let call = 0; call < 200; call += 1) {
    const answer = await sandboxRequest('GET', '/ryze/api/instance/list', { headers: RYZE_ACCOUNT });
    if (answer.status === 429) return answer;
    expectStatus(answer, 200, 'instance/list');
  }
  throw new Error('RyzeAPI never answered 429 after 200 calls');
}

/** Altegio: the status record of one location of application 1. */
export async function altegioStatus(locationId) {
  return sandboxRequest('GET', `/altegio/marketplace/salon/${locationId}/application/1`, { headers: ALTEGIO_PARTNER });
}

/** Altegio: uninstalls application 1 from a location with the partner token. */
export async function altegioUninstall(locationId) {
  const answer = await sandboxRequest('POST', `/altegio/marketplace/salon/${locationId}/application/1/uninstall`, {
    headers: ALTEGIO_PARTNER,
  });
  return expectStatus(answer, 200, `uninstall ${locationId}`).json;
}
