/**
 * QuantaSeal quickstart: seal a Datadog API key, create a `send_event` integration, send one
 * event through the proxy and print Datadog's status from the verified, decrypted envelope.
 *
 *   QS_URL=… QS_API_KEY=… QS_DD_API_KEY=… node quickstart.js
 *
 * QS_CLIENT_KEY_FILE, when set, keeps the client key there (created on the first run, loaded on
 * the next ones); otherwise a new client key is registered for this run only.
 */
import { existsSync } from "node:fs";
import { QuantaSeal, QuantaSealError, loadClientKey, saveClientKey, type ClientKey } from "quantaseal/node";

async function clientKey(qs: QuantaSeal): Promise<ClientKey> {
  const path = process.env["QS_CLIENT_KEY_FILE"];
  if (path !== undefined && path !== "" && existsSync(path)) {
    return loadClientKey(path);
  }
  const key = await qs.encryption.createClientKey();
  if (path !== undefined && path !== "") {
    await saveClientKey(key, path); // mode 0600: it holds the seed and the MAC key
  }
  return key;
}

async function main(): Promise<number> {
  const ddApiKey = process.env["QS_DD_API_KEY"];
  if (ddApiKey === undefined || ddApiKey === "") {
    console.error("quickstart: QS_DD_API_KEY is not set (the Datadog API key to seal)");
    return 2;
  }
  try {
    const base = new QuantaSeal(); // QS_URL and QS_API_KEY
    const qs = base.withClientKey(await clientKey(base));
    const entry = await qs.vault.seal({
      credentialType: "api_key",
      name: "datadog-quickstart",
      values: { api_key: ddApiKey },
    });
    const integ = await qs.integrations.create({
      systemType: "datadog",
      credentialId: entry.vaultEntryId,
      config: { site: "datadoghq.com" },
      allowedOperations: ["send_event"],
    });
    const answer = await qs.proxy.outbound(integ.integrationId, "send_event", {
      title: "QuantaSeal quickstart",
      text: "sent from TypeScript through the proxy",
    });
    console.log(`upstream status: ${answer.upstream.status}`);
    console.log(`upstream body: ${JSON.stringify(answer.upstream.body)}`);
    return answer.upstream.status >= 200 && answer.upstream.status < 300 ? 0 : 1;
  } catch (error) {
    if (error instanceof QuantaSealError) {
      console.error(`quickstart: ${error.name}: ${error.message}${error.requestId === undefined ? "" : ` (${error.requestId})`}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
