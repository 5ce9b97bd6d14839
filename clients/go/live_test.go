package quantaseal_test

// Tests against a running QuantaSeal (./run-local --fake-datadog --unseal-key --env-file FILE):
// every operation, the way a caller uses the SDK. clients/go/ci-test starts run-local and sets
// QS_LIVE_ENV_FILE; without it these tests are skipped (they create and delete data, so they
// never pick up QS_URL from the environment by themselves).

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quantaseal/quantaseal-go"
)

const fakeDatadogKey = "0123456789abcdef0123456789abcdef"

// liveEnv reads the env file run-local wrote (QS_URL, QS_API_KEY, QS_UNSEAL_API_KEY, …).
func liveEnv(t *testing.T) map[string]string {
	t.Helper()
	path := os.Getenv("QS_LIVE_ENV_FILE")
	if path == "" {
		t.Skip("QS_LIVE_ENV_FILE is not set (clients/go/ci-test starts ./run-local --fake-datadog and sets it)")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "="); ok {
			env[k] = v
		}
	}
	if env["QS_URL"] == "" || env["QS_API_KEY"] == "" {
		t.Fatalf("%s has no QS_URL / QS_API_KEY", path)
	}
	return env
}

func liveClient(t *testing.T, env map[string]string, apiKey string) *quantaseal.Client {
	t.Helper()
	qs, err := quantaseal.New(quantaseal.Options{BaseURL: env["QS_URL"], APIKey: apiKey})
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func apiCode(err error) string {
	var apiErr *quantaseal.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return ""
}

func TestLiveEveryOperation(t *testing.T) {
	env := liveEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	qs := liveClient(t, env, env["QS_API_KEY"])

	// encryption: a client key made here, registered, saved and loaded back.
	key, err := qs.Encryption().CreateClientKey(ctx, nil)
	if err != nil {
		t.Fatalf("createClientKey: %v", err)
	}
	path := filepath.Join(t.TempDir(), "client-key.json")
	if err := key.Save(path); err != nil {
		t.Fatal(err)
	}
	if key, err = quantaseal.LoadClientKey(path); err != nil {
		t.Fatal(err)
	}
	qs = qs.WithClientKey(key)
	keys, err := qs.Encryption().ListServerKeys(ctx, nil)
	if err != nil || len(keys.Keys) == 0 || len(keys.Keys[0].PublicKey) != 1952 {
		t.Fatalf("listServerKeys: %v %+v", err, keys)
	}

	// vault
	entry, err := qs.Vault().Seal(ctx, &quantaseal.SealInput{Name: "dd-go-live", Credential: quantaseal.APIKeyCredential{APIKey: fakeDatadogKey}})
	if err != nil {
		t.Fatalf("seal: %v", err)
	}
	if !strings.HasPrefix(entry.VaultEntryID, "vlt_") || entry.Version != 1 || entry.RequestID == "" {
		t.Fatalf("seal: %+v", entry)
	}
	found := false
	for e, err := range quantaseal.NewListEntriesPaginator(qs.Vault(), nil).Items(ctx) {
		if err != nil {
			t.Fatalf("listEntries: %v", err)
		}
		found = found || e.VaultEntryID == entry.VaultEntryID
	}
	if !found {
		t.Fatal("listEntries does not list the new entry")
	}
	rotated, err := qs.Vault().RotateEntry(ctx, &quantaseal.RotateEntryInput{
		VaultEntryID: entry.VaultEntryID, Credential: quantaseal.APIKeyCredential{APIKey: strings.Repeat("ab", 16)}, IdempotencyKey: "go-live-rotate-" + entry.VaultEntryID,
	})
	if err != nil || rotated.Version != 2 || len(rotated.Versions) != 2 {
		t.Fatalf("rotateEntry: %v %+v", err, rotated)
	}
	if _, err := qs.Vault().RetireVersion(ctx, &quantaseal.RetireVersionInput{VaultEntryID: entry.VaultEntryID, Version: 1}); err != nil {
		t.Fatalf("retireVersion: %v", err)
	}
	got, err := qs.Vault().GetEntry(ctx, &quantaseal.GetEntryInput{VaultEntryID: entry.VaultEntryID})
	if err != nil || got.Version != 2 || len(got.Versions) != 1 || !got.Versions[0].Current {
		t.Fatalf("getEntry: %v %+v", err, got)
	}
	if _, err := qs.Vault().RetireVersion(ctx, &quantaseal.RetireVersionInput{VaultEntryID: entry.VaultEntryID, Version: 2}); apiCode(err) != quantaseal.CodeInvalidRequest {
		t.Fatalf("retiring the current version: %v", err)
	}
	if _, err := qs.Vault().GetEntry(ctx, &quantaseal.GetEntryInput{VaultEntryID: "vlt_00000000000000000000000000"}); apiCode(err) != quantaseal.CodeNotFound {
		t.Fatalf("getEntry of an unknown id: %v", err)
	}

	// integrations
	integ, err := qs.Integrations().Create(ctx, &quantaseal.CreateIntegrationInput{
		Name: "go-live", CredentialID: entry.VaultEntryID, Config: quantaseal.IntegrationConfig{Site: quantaseal.DatadogSiteUS1},
		AllowedOperations: []quantaseal.Operation{quantaseal.OperationSendEvent, quantaseal.OperationSendMetric, quantaseal.OperationSendLog},
	})
	if err != nil || integ.Status != quantaseal.IntegrationHealthy {
		t.Fatalf("createIntegration: %v %+v", err, integ)
	}
	list, err := qs.Integrations().List(ctx, nil)
	if err != nil || len(list.Integrations) == 0 {
		t.Fatalf("listIntegrations: %v", err)
	}
	if g, err := qs.Integrations().Get(ctx, &quantaseal.GetIntegrationInput{IntegrationID: integ.IntegrationID}); err != nil || g.Name != "go-live" {
		t.Fatalf("getIntegration: %v", err)
	}

	// proxy: an event, a metric point and a log, each answer verified and decrypted
	for op, payload := range map[quantaseal.Operation]any{
		quantaseal.OperationSendEvent:  map[string]any{"title": "go live test", "text": "from the Go SDK", "tags": []string{"env:test"}},
		quantaseal.OperationSendMetric: map[string]any{"metric": "quantaseal.go.live", "value": 1, "type": "count"},
		quantaseal.OperationSendLog:    []any{map[string]any{"message": "go live test", "ddsource": "go"}},
	} {
		answer, err := qs.Proxy().Outbound(ctx, &quantaseal.OutboundInput{IntegrationID: integ.IntegrationID, Operation: op, Payload: payload})
		if err != nil {
			t.Fatalf("proxyOutbound %s: %v", op, err)
		}
		if answer.Upstream.Status/100 != 2 || answer.Operation != op || !strings.HasPrefix(answer.AuditID, "aud_") {
			t.Fatalf("proxyOutbound %s: %+v", op, answer)
		}
	}

	// siem (before narrowing the integration: audit needs send_log)
	dst, err := qs.SIEM().CreateDestination(ctx, &quantaseal.CreateSIEMDestinationInput{IntegrationID: integ.IntegrationID, Streams: []quantaseal.SIEMStream{quantaseal.SIEMStreamAudit}})
	if err != nil || !strings.HasPrefix(dst.DestinationID, "dst_") {
		t.Fatalf("createSiemDestination: %v", err)
	}
	if l, err := qs.SIEM().ListDestinations(ctx, nil); err != nil || len(l.Destinations) == 0 {
		t.Fatalf("listSiemDestinations: %v", err)
	}
	if g, err := qs.SIEM().GetDestination(ctx, &quantaseal.GetSIEMDestinationInput{DestinationID: dst.DestinationID}); err != nil || g.IntegrationID != integ.IntegrationID {
		t.Fatalf("getSiemDestination: %v", err)
	}
	if _, err := qs.Integrations().Delete(ctx, &quantaseal.DeleteIntegrationInput{IntegrationID: integ.IntegrationID}); apiCode(err) != quantaseal.CodeResourceInUse {
		t.Fatalf("deleting an integration a destination uses: %v", err)
	}
	if _, err := qs.SIEM().DeleteDestination(ctx, &quantaseal.DeleteSIEMDestinationInput{DestinationID: dst.DestinationID}); err != nil {
		t.Fatalf("deleteSiemDestination: %v", err)
	}

	// the allow-list is default deny: narrowed to send_event, a log is refused before Datadog
	upd, err := qs.Integrations().Update(ctx, &quantaseal.UpdateIntegrationInput{
		IntegrationID: integ.IntegrationID, Name: quantaseal.String("go-live-2"), AllowedOperations: []quantaseal.Operation{quantaseal.OperationSendEvent},
	})
	if err != nil || upd.Name != "go-live-2" || len(upd.AllowedOperations) != 1 {
		t.Fatalf("updateIntegration: %v %+v", err, upd)
	}
	_, err = qs.Proxy().Outbound(ctx, &quantaseal.OutboundInput{IntegrationID: integ.IntegrationID, Operation: quantaseal.OperationSendLog, Payload: map[string]any{"message": "x"}})
	if apiCode(err) != quantaseal.CodeOperationNotAllowed {
		t.Fatalf("a send_log that is not allowed: %v", err)
	}

	// deletes: the entry is in use until forced
	if _, err := qs.Vault().DeleteEntry(ctx, &quantaseal.DeleteEntryInput{VaultEntryID: entry.VaultEntryID}); apiCode(err) != quantaseal.CodeResourceInUse {
		t.Fatalf("deleting an entry an integration uses: %v", err)
	}
	if _, err := qs.Integrations().Delete(ctx, &quantaseal.DeleteIntegrationInput{IntegrationID: integ.IntegrationID}); err != nil {
		t.Fatalf("deleteIntegration: %v", err)
	}
	if _, err := qs.Vault().DeleteEntry(ctx, &quantaseal.DeleteEntryInput{VaultEntryID: entry.VaultEntryID, Force: true}); err != nil {
		t.Fatalf("deleteEntry: %v", err)
	}
	if _, err := qs.Vault().GetEntry(ctx, &quantaseal.GetEntryInput{VaultEntryID: entry.VaultEntryID}); apiCode(err) != quantaseal.CodeNotFound {
		t.Fatalf("the deleted entry: %v", err)
	}
}

// TestLiveUnsealAndDecrypt: unseal through the SDK, and a raw HTTP unseal answer opened with Decrypt.
func TestLiveUnsealAndDecrypt(t *testing.T) {
	env := liveEnv(t)
	if env["QS_UNSEAL_API_KEY"] == "" {
		t.Skip("run-local was started without --unseal-key")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin := liveClient(t, env, env["QS_API_KEY"])
	entry, err := admin.Vault().Seal(ctx, &quantaseal.SealInput{Credential: quantaseal.BasicAuthCredential{Username: "svc", Password: "pw-é-🔐"}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		_, _ = admin.Vault().DeleteEntry(ctx, &quantaseal.DeleteEntryInput{VaultEntryID: entry.VaultEntryID, Force: true})
	}()

	// Without the vault:unseal scope: denied.
	adminKey, err := admin.Encryption().CreateClientKey(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.WithClientKey(adminKey).Vault().Unseal(ctx, &quantaseal.UnsealInput{VaultEntryID: entry.VaultEntryID}); apiCode(err) != quantaseal.CodeOperationNotAllowed {
		t.Fatalf("unseal without the scope: %v", err)
	}

	unsealer := liveClient(t, env, env["QS_UNSEAL_API_KEY"])
	key, err := unsealer.Encryption().CreateClientKey(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	unsealer = unsealer.WithClientKey(key)
	out, err := unsealer.Vault().Unseal(ctx, &quantaseal.UnsealInput{VaultEntryID: entry.VaultEntryID})
	if err != nil {
		t.Fatalf("unseal: %v", err)
	}
	if out.Values["username"] != "svc" || out.Values["password"] != "pw-é-🔐" || out.CredentialType != quantaseal.CredentialTypeBasicAuth {
		t.Fatalf("unseal: %v", out)
	}

	// The same answer fetched with net/http, opened with Decrypt and bound to its X-Request-Id.
	body := `{"vault_entry_id":"` + entry.VaultEntryID + `","rkid":"` + key.RKID() + `"}`
	req, _ := http.NewRequestWithContext(ctx, "POST", env["QS_URL"]+"/api/v2/vault/unseal", strings.NewReader(body))
	req.Header.Set("X-API-Key", env["QS_UNSEAL_API_KEY"])
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	envelope, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("raw unseal: %d %s", resp.StatusCode, envelope)
	}
	plaintext, err := unsealer.Encryption().Decrypt(ctx, envelope, quantaseal.WithRequestID(resp.Header.Get("X-Request-Id")))
	if err != nil {
		t.Fatalf("decrypt: %v", err)
	}
	if !bytes.Contains(plaintext, []byte(`"username":"svc"`)) {
		t.Fatal("the decrypted plaintext is not the credential")
	}
	if _, err := unsealer.Encryption().Decrypt(ctx, envelope, quantaseal.WithRequestID("req_another")); !errors.Is(err, quantaseal.ErrInvalidEnvelope) {
		t.Fatalf("bound to another request: %v", err)
	}
	// Another client key of the tenant cannot open it.
	if _, err := admin.WithClientKey(adminKey).Encryption().Decrypt(ctx, envelope); !errors.Is(err, quantaseal.ErrInvalidEnvelope) {
		t.Fatalf("another client key: %v", err)
	}
}

// TestQuickstartRunner runs clients/go/quickstart-runner (go run ./examples/quickstart) against run-local.
func TestQuickstartRunner(t *testing.T) {
	env := liveEnv(t)
	out := runQuickstart(t, env, exec.Command("./quickstart-runner"))
	if !strings.Contains(out, "upstream status: 202") {
		t.Fatalf("quickstart output:\n%s", out)
	}
}

// TestInstalledModuleQuickstart installs the SDK the way a user does — go get from a module proxy
// (the module published by tools/modproxy into QS_GO_MODULE_PROXY) into an empty module — and
// runs examples/quickstart from there against run-local.
func TestInstalledModuleQuickstart(t *testing.T) {
	env := liveEnv(t)
	proxy := os.Getenv("QS_GO_MODULE_PROXY")
	if proxy == "" {
		t.Skip("QS_GO_MODULE_PROXY is not set (clients/go/ci-test publishes the module there)")
	}
	dir := t.TempDir()
	main, err := os.ReadFile("examples/quickstart/main.go")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), main, 0o644); err != nil {
		t.Fatal(err)
	}
	// A module cache of its own (the SDK's version is fixed, its content is not, between runs);
	// other modules come from the machine's module cache or the Go module proxy.
	modcache := filepath.Join(dir, "modcache")
	goEnv := func(cmd *exec.Cmd) *exec.Cmd {
		cmd.Dir = dir
		cmd.Env = append(os.Environ(),
			"GOMODCACHE="+modcache, "GOFLAGS=-modcacherw",
			"GOPROXY="+proxy+",file://"+filepath.ToSlash(goenv(t, "GOMODCACHE"))+"/cache/download,"+goenv(t, "GOPROXY"),
			"GONOSUMDB=github.com/quantaseal/quantaseal-go", "GOWORK=off")
		return cmd
	}
	for _, args := range [][]string{
		{"mod", "init", "example.com/quickstart"},
		{"get", "github.com/quantaseal/quantaseal-go@v" + quantaseal.Version},
		{"mod", "tidy"},
	} {
		if out, err := goEnv(exec.Command("go", args...)).CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	listed, err := goEnv(exec.Command("go", "list", "-m", "-f", "{{.Version}} {{.Dir}}", "github.com/quantaseal/quantaseal-go")).Output()
	if err != nil || !strings.HasPrefix(string(listed), "v"+quantaseal.Version+" "+modcache) {
		t.Fatalf("the SDK did not come from the module proxy: %q %v", listed, err)
	}
	out := runQuickstart(t, env, goEnv(exec.Command("go", "run", ".")))
	if !strings.Contains(out, "upstream status: 202") {
		t.Fatalf("quickstart output:\n%s", out)
	}
}

func runQuickstart(t *testing.T, env map[string]string, cmd *exec.Cmd) string {
	t.Helper()
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, "QS_URL="+env["QS_URL"], "QS_API_KEY="+env["QS_API_KEY"], "QS_DD_API_KEY="+fakeDatadogKey)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	return string(out)
}

func goenv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}
