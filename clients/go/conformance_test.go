package quantaseal

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/quantaseal/quantaseal-go/internal/conformance"
	"github.com/quantaseal/quantaseal-go/internal/testvectors"
)

// openThroughClient opens a case the way an SDK user does: a ClientKey from the case's keys, the
// service's key list served over HTTP, the clock at the case's now, Encryption().Decrypt.
func openThroughClient(t *testing.T) conformance.Opener {
	var keysDoc []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v2/encryption/server-keys" {
			http.NotFound(w, r)
			return
		}
		writeJSON(w, 200, "req_keys", string(keysDoc))
	}))
	t.Cleanup(srv.Close)
	return func(c *conformance.Case, k *conformance.CaseKeys) ([]byte, error) {
		keysDoc, _ = json.Marshal(map[string]any{"keys": []map[string]string{{
			"skid": c.SKID, "alg": "ML-DSA-65", "public_key": c.ServerPublicKey,
			"created_at": "2026-01-01T00:00:00Z", "status": "active",
		}}})
		key, err := NewClientKey(c.RKID, c.HKID, k.Seed, k.MACKey)
		if err != nil {
			return nil, err
		}
		qs, err := New(Options{BaseURL: srv.URL, APIKey: testAPIKey, ClientKey: key, Clock: func() time.Time { return k.Now }})
		if err != nil {
			return nil, err
		}
		return qs.Encryption().Decrypt(context.Background(), c.EnvelopeText())
	}
}

func runConformance(t *testing.T, f *conformance.File) {
	viaClient := openThroughClient(t)
	valid, invalid := 0, 0
	for i := range f.Vectors {
		c := &f.Vectors[i]
		if c.Result == "valid" {
			valid++
		} else {
			invalid++
		}
		t.Run(c.Name, func(t *testing.T) {
			if err := c.Check(conformance.OpenInternal); err != nil {
				t.Fatalf("opener: %v", err)
			}
			if err := c.Check(viaClient); err != nil {
				t.Fatalf("Client.Encryption().Decrypt: %v", err)
			}
		})
	}
	if valid == 0 || invalid == 0 {
		t.Fatalf("%d valid and %d invalid cases", valid, invalid)
	}
}

// TestConformanceFile runs the project's conformance file, docs/vectors/envelope-v1-conformance.json.
func TestConformanceFile(t *testing.T) {
	path, err := testvectors.Path("envelope-v1-conformance.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); os.IsNotExist(err) {
		t.Skip("docs/vectors/envelope-v1-conformance.json is not in the repository yet; TestConformanceDerivedFromGolden runs meanwhile")
	}
	f, err := conformance.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Vectors) < 40 {
		t.Fatalf("%d cases, the file should have at least 40", len(f.Vectors))
	}
	runConformance(t, f)
}

// TestConformanceDerivedFromGolden runs cases derived from the golden vectors (valid, tampered, malformed).
func TestConformanceDerivedFromGolden(t *testing.T) {
	g, err := testvectors.LoadGolden()
	if err != nil {
		t.Fatal(err)
	}
	f, err := conformance.FromGolden(g)
	if err != nil {
		t.Fatal(err)
	}
	runConformance(t, f)
}

// TestConformanceRunnerCommand builds the runner and checks its output and exit status.
func TestConformanceRunnerCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the runner (-short)")
	}
	g, err := testvectors.LoadGolden()
	if err != nil {
		t.Fatal(err)
	}
	f, err := conformance.FromGolden(g)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "conformance-runner")
	if out, err := exec.Command("go", "build", "-o", bin, "./internal/cmd/conformance-runner").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	write := func(name string, f *conformance.File) string {
		p := filepath.Join(dir, name)
		b, _ := json.Marshal(f)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	out, err := exec.Command(bin, write("good.json", f)).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if want := regexp.MustCompile(`(?m)\A(\d+) passed, 0 failed\n\z`); !want.Match(out) || !strings.HasPrefix(string(out), itoa(len(f.Vectors))+" ") {
		t.Fatalf("output %q", out)
	}
	// A case labelled wrongly fails, with one line naming it, and the exit status is 1.
	f.Vectors[0].Result, f.Vectors[1].Result = "invalid", "invalid"
	cmd := exec.Command(bin, write("bad.json", f))
	out, err = cmd.CombinedOutput()
	if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("exit %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "FAIL "+f.Vectors[0].Name+": ") ||
		lines[2] != itoa(len(f.Vectors)-2)+" passed, 2 failed" {
		t.Fatalf("output %q", out)
	}
}
