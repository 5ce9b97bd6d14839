package quantaseal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
)

// pagesHandler serves n pages of entries: ?cursor=pK answers page K with next_cursor pK+1.
func pagesHandler(n int, repeatLastCursor bool) func(http.ResponseWriter, *http.Request, []byte) {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		page := 0
		if c := r.URL.Query().Get("cursor"); c != "" {
			_, _ = fmt.Sscanf(c, "p%d", &page)
		}
		entry := strings.Replace(entryJSON, `"name":"dd"`, fmt.Sprintf(`"name":"e%d"`, page), 1)
		next := ""
		switch {
		case page+1 < n:
			next = fmt.Sprintf(`,"next_cursor":"p%d"`, page+1)
		case repeatLastCursor:
			next = fmt.Sprintf(`,"next_cursor":"p%d"`, page)
		}
		writeJSON(w, 200, "req_pg", `{"entries":[`+entry+`]`+next+`}`)
	}
}

func TestPaginatorWalksEveryPage(t *testing.T) {
	f := newFakeAPI(t)
	f.setHandler(pagesHandler(4, false))
	c, _ := newTestClient(t, f, nil)
	p := NewListEntriesPaginator(c.Vault(), &ListEntriesInput{Limit: 1})
	var names []string
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Entries {
			names = append(names, e.Name)
		}
	}
	if strings.Join(names, ",") != "e0,e1,e2,e3" {
		t.Fatalf("%v", names)
	}
	if _, err := p.NextPage(context.Background()); !errors.Is(err, ErrNoMorePages) {
		t.Fatalf("%v", err)
	}
	reqs := f.received()
	if len(reqs) != 4 || reqs[0].RawQuery != "limit=1" || reqs[3].RawQuery != "cursor=p3&limit=1" {
		t.Fatalf("%+v", reqs)
	}
}

func TestPaginatorItemsAndRepeatedCursor(t *testing.T) {
	f := newFakeAPI(t)
	f.setHandler(pagesHandler(3, true)) // the last page names itself again
	c, _ := newTestClient(t, f, nil)
	n := 0
	for e, err := range NewListEntriesPaginator(c.Vault(), nil).Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if e.Name != fmt.Sprintf("e%d", n) {
			t.Fatalf("item %d is %s", n, e.Name)
		}
		n++
	}
	if n != 3 || len(f.received()) != 3 {
		t.Fatalf("%d items, %d requests", n, len(f.received()))
	}
	// Breaking out of the loop stops fetching.
	f2 := newFakeAPI(t)
	f2.setHandler(pagesHandler(10, false))
	c2, _ := newTestClient(t, f2, nil)
	for range NewListEntriesPaginator(c2.Vault(), nil).Items(context.Background()) {
		break
	}
	if len(f2.received()) != 1 {
		t.Fatalf("%d requests after break", len(f2.received()))
	}
}

func TestPaginatorStopsOnError(t *testing.T) {
	f := newFakeAPI(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		writeJSON(w, 403, "req_x", `{"error":{"code":"invalid_api_key","message":"no","request_id":"req_x"}}`)
	})
	c, _ := newTestClient(t, f, nil)
	var errs int
	for _, err := range NewListIntegrationsPaginator(c.Integrations(), nil).Items(context.Background()) {
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("%v", err)
		}
		errs++
	}
	if errs != 1 {
		t.Fatalf("%d errors yielded", errs)
	}
	p := NewListSIEMDestinationsPaginator(c.SIEM(), nil)
	if _, err := p.NextPage(context.Background()); err == nil || !p.HasMorePages() {
		t.Fatal("a failed page should be retried by calling NextPage again")
	}
}

func TestNew(t *testing.T) {
	t.Setenv("QS_URL", "http://127.0.0.1:9/base/")
	t.Setenv("QS_API_KEY", testAPIKey)
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.baseURL.String() != "http://127.0.0.1:9/base" || c.apiKey != testAPIKey {
		t.Fatalf("%s", c.baseURL)
	}
	c, err = New(Options{}, func(o *Options) { o.BaseURL = "https://api.example.test/v2"; o.UserAgent = "myapp/1" })
	if err != nil || c.baseURL.Host != "api.example.test" || !strings.HasSuffix(c.userAgent, " myapp/1") {
		t.Fatalf("%v %v", c, err)
	}
	os.Unsetenv("QS_URL")
	os.Unsetenv("QS_API_KEY")
	for name, o := range map[string]Options{
		"no URL":          {APIKey: testAPIKey},
		"no key":          {BaseURL: "http://127.0.0.1:9"},
		"ftp URL":         {BaseURL: "ftp://x", APIKey: testAPIKey},
		"relative URL":    {BaseURL: "/api", APIKey: testAPIKey},
		"URL with query":  {BaseURL: "http://x/?a=1", APIKey: testAPIKey},
		"key with a line": {BaseURL: "http://x", APIKey: "qs_test_a\nX-Evil: 1"},
	} {
		if _, err := New(o); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestClientKeyAndAPIKeyPaginators walks two pages of each list over HTTP, cursor to cursor.
func TestClientKeyAndAPIKeyPaginators(t *testing.T) {
	f := newFakeAPI(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		second := r.URL.Query().Get("cursor") == "c2"
		next := `"c2"`
		if second {
			next = "null"
		}
		switch r.URL.Path {
		case "/api/v2/encryption/client-keys":
			item := clientKeyJSON
			if second {
				item = revokedClientKeyJSON
			}
			writeJSON(w, 200, "req_pg", `{"client_keys":[`+item+`],"next_cursor":`+next+`}`)
		case "/api/v2/api-keys":
			writeJSON(w, 200, "req_pg", `{"api_keys":[`+apiKeyJSON+`],"next_cursor":`+next+`}`)
		default:
			w.WriteHeader(404)
		}
	})
	c, _ := newTestClient(t, f, nil)
	ctx := context.Background()
	var rkids []string
	for k, err := range NewListClientKeysPaginator(c.Encryption(), &ListClientKeysInput{Limit: 1}).Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		rkids = append(rkids, k.RKID)
	}
	if strings.Join(rkids, ",") != "ck_01jdz7yv3b5n8q2r4t6w8y0a1c,ck_01jdz7yv3b5n8q2r4t6w8y0a1d" {
		t.Fatalf("%v", rkids)
	}
	n := 0
	for k, err := range NewListAPIKeysPaginator(c.APIKeys(), nil).Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if k.APIKeyID != "key_01jdz7yv3b5n8q2r4t6w8y0a1c" {
			t.Fatalf("%+v", k)
		}
		n++
	}
	reqs := f.received()
	if n != 2 || len(reqs) != 4 || reqs[1].RawQuery != "cursor=c2&limit=1" || reqs[2].RawQuery != "" || reqs[3].RawQuery != "cursor=c2" {
		t.Fatalf("%d api keys, requests %+v", n, reqs)
	}
}
