// Package quantaseal is the Go SDK of QuantaSeal, the post-quantum credential vault and outbound
// proxy: seal credentials, create Datadog integrations, call Datadog through the proxy and open
// the answers, which come back as HybridCryptoEnvelopes (ML-KEM-768 + AES-256-GCM, signed with
// ML-DSA-65 and HMAC-SHA-512) that only the holder of the client key can read.
//
//	qs, err := quantaseal.New(quantaseal.Options{}) // QS_URL and QS_API_KEY
//	key, err := qs.Encryption().CreateClientKey(ctx, nil)
//	err = key.Save("client-key.json")
//	qs = qs.WithClientKey(key)
//	entry, err := qs.Vault().Seal(ctx, &quantaseal.SealInput{Name: "dd",
//		Credential: quantaseal.APIKeyCredential{APIKey: ddKey}})
//	integ, err := qs.Integrations().Create(ctx, &quantaseal.CreateIntegrationInput{
//		CredentialID: entry.VaultEntryID, Config: quantaseal.IntegrationConfig{Site: quantaseal.DatadogSiteUS1},
//		AllowedOperations: []quantaseal.Operation{quantaseal.OperationSendEvent}})
//	answer, err := qs.Proxy().Outbound(ctx, &quantaseal.OutboundInput{IntegrationID: integ.IntegrationID,
//		Operation: quantaseal.OperationSendEvent, Payload: map[string]any{"title": "t", "text": "x"}})
//	fmt.Println(answer.Upstream.Status) // verified and decrypted
//	plaintext, err := qs.Encryption().Decrypt(ctx, envelopeJSON) // any envelope
//
// Every call takes a context.Context first and a typed input; errors of the API are *APIError
// (errors.As), an envelope that does not open is ErrInvalidEnvelope (errors.Is). Envelope opening
// follows docs/envelope.md of the QuantaSeal repository; the conventions shared with the other
// SDKs are in docs/clients.md.
package quantaseal
