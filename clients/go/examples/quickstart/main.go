// Command quickstart seals a Datadog API key, creates a send_event integration, sends one event
// through the QuantaSeal proxy and prints Datadog's status from the verified, decrypted envelope.
//
//	QS_URL=… QS_API_KEY=… QS_DD_API_KEY=… go run .
//
// QS_CLIENT_KEY_FILE, when set, keeps the client key there (created on the first run, loaded on
// the next ones); otherwise a new client key is registered for this run only.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/quantaseal/quantaseal-go"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	ddKey := os.Getenv("QS_DD_API_KEY")
	if ddKey == "" {
		return errors.New("QS_DD_API_KEY is not set (the Datadog API key to seal)")
	}
	qs, err := quantaseal.New(quantaseal.Options{}) // QS_URL and QS_API_KEY
	if err != nil {
		return err
	}

	key, err := clientKey(ctx, qs)
	if err != nil {
		return err
	}
	defer key.Destroy()
	qs = qs.WithClientKey(key)

	entry, err := qs.Vault().Seal(ctx, &quantaseal.SealInput{
		Name:       "datadog-quickstart",
		Credential: quantaseal.APIKeyCredential{APIKey: ddKey},
	})
	if err != nil {
		return err
	}
	integ, err := qs.Integrations().Create(ctx, &quantaseal.CreateIntegrationInput{
		SystemType:        quantaseal.SystemTypeDatadog,
		CredentialID:      entry.VaultEntryID,
		Config:            quantaseal.IntegrationConfig{Site: quantaseal.DatadogSiteUS1},
		AllowedOperations: []quantaseal.Operation{quantaseal.OperationSendEvent},
	})
	if err != nil {
		return err
	}
	answer, err := qs.Proxy().Outbound(ctx, &quantaseal.OutboundInput{
		IntegrationID: integ.IntegrationID,
		Operation:     quantaseal.OperationSendEvent,
		Payload:       map[string]any{"title": "QuantaSeal quickstart", "text": "sent from Go through the proxy"},
	})
	if err != nil {
		return err
	}
	fmt.Printf("upstream status: %d\n", answer.Upstream.Status)
	fmt.Printf("upstream body: %s\n", answer.Upstream.Body)
	if answer.Upstream.Status/100 != 2 {
		return fmt.Errorf("datadog answered %d", answer.Upstream.Status)
	}
	return nil
}

// clientKey loads the key kept in QS_CLIENT_KEY_FILE, or registers a new one (and keeps it there).
func clientKey(ctx context.Context, qs *quantaseal.Client) (*quantaseal.ClientKey, error) {
	path := os.Getenv("QS_CLIENT_KEY_FILE")
	if path != "" {
		if key, err := quantaseal.LoadClientKey(path); err == nil {
			return key, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	key, err := qs.Encryption().CreateClientKey(ctx, nil)
	if err != nil {
		return nil, err
	}
	if path != "" {
		if err := key.Save(path); err != nil { // the MAC key is shown once: keep it
			return nil, err
		}
	}
	return key, nil
}
