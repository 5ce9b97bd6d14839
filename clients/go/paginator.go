package quantaseal

import (
	"context"
	"errors"
	"iter"
)

// ErrNoMorePages is returned by NextPage after the last page.
var ErrNoMorePages = errors.New("quantaseal: no more pages")

// Paginator walks a list operation page by page through cursor / next_cursor. O is the output of
// one page, T the type of its items. Make one with NewListEntriesPaginator,
// NewListIntegrationsPaginator, NewListSIEMDestinationsPaginator, NewListClientKeysPaginator or
// NewListAPIKeysPaginator:
//
//	p := quantaseal.NewListEntriesPaginator(qs.Vault(), nil)
//	for p.HasMorePages() {
//		page, err := p.NextPage(ctx)
//		…
//	}
//
// or range over every item with Items. A Paginator is not safe for concurrent use.
type Paginator[O any, T any] struct {
	fetch  func(ctx context.Context, cursor string) (O, error)
	page   func(O) (items []T, next string)
	cursor string
	done   bool
}

func newPaginator[O any, T any](cursor string, fetch func(context.Context, string) (O, error), page func(O) ([]T, string)) *Paginator[O, T] {
	return &Paginator[O, T]{fetch: fetch, page: page, cursor: cursor}
}

// HasMorePages reports whether NextPage has a page to return.
func (p *Paginator[O, T]) HasMorePages() bool { return !p.done }

// NextPage fetches the next page. The walk ends when the service answers no next_cursor, or the
// cursor it was given (which would otherwise repeat forever).
func (p *Paginator[O, T]) NextPage(ctx context.Context) (O, error) {
	if p.done {
		var zero O
		return zero, ErrNoMorePages
	}
	out, err := p.fetch(ctx, p.cursor)
	if err != nil {
		return out, err
	}
	_, next := p.page(out)
	if next == "" || next == p.cursor {
		p.done = true
	}
	p.cursor = next
	return out, nil
}

// Items returns every item of every remaining page; an error ends the sequence after yielding it.
func (p *Paginator[O, T]) Items(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			items, _ := p.page(out)
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
		}
	}
}

// ListEntriesAPIClient is what NewListEntriesPaginator needs; *VaultService is one.
type ListEntriesAPIClient interface {
	ListEntries(context.Context, *ListEntriesInput) (*ListEntriesOutput, error)
}

// ListEntriesPaginator walks the vault's entries.
type ListEntriesPaginator = Paginator[*ListEntriesOutput, VaultEntry]

// NewListEntriesPaginator walks every page of ListEntries from params (nil: from the start).
func NewListEntriesPaginator(client ListEntriesAPIClient, params *ListEntriesInput) *ListEntriesPaginator {
	in := ListEntriesInput{}
	if params != nil {
		in = *params
	}
	return newPaginator(in.Cursor, func(ctx context.Context, cursor string) (*ListEntriesOutput, error) {
		page := in
		page.Cursor = cursor
		return client.ListEntries(ctx, &page)
	}, func(o *ListEntriesOutput) ([]VaultEntry, string) { return o.Entries, o.NextCursor })
}

// ListIntegrationsAPIClient is what NewListIntegrationsPaginator needs; *IntegrationsService is one.
type ListIntegrationsAPIClient interface {
	List(context.Context, *ListIntegrationsInput) (*ListIntegrationsOutput, error)
}

// ListIntegrationsPaginator walks the integrations.
type ListIntegrationsPaginator = Paginator[*ListIntegrationsOutput, Integration]

// NewListIntegrationsPaginator walks every page of Integrations().List from params (nil: from the start).
func NewListIntegrationsPaginator(client ListIntegrationsAPIClient, params *ListIntegrationsInput) *ListIntegrationsPaginator {
	in := ListIntegrationsInput{}
	if params != nil {
		in = *params
	}
	return newPaginator(in.Cursor, func(ctx context.Context, cursor string) (*ListIntegrationsOutput, error) {
		page := in
		page.Cursor = cursor
		return client.List(ctx, &page)
	}, func(o *ListIntegrationsOutput) ([]Integration, string) { return o.Integrations, o.NextCursor })
}

// ListSIEMDestinationsAPIClient is what NewListSIEMDestinationsPaginator needs; *SIEMService is one.
type ListSIEMDestinationsAPIClient interface {
	ListDestinations(context.Context, *ListSIEMDestinationsInput) (*ListSIEMDestinationsOutput, error)
}

// ListSIEMDestinationsPaginator walks the SIEM destinations.
type ListSIEMDestinationsPaginator = Paginator[*ListSIEMDestinationsOutput, SIEMDestination]

// NewListSIEMDestinationsPaginator walks every page of SIEM().ListDestinations from params (nil: from the start).
func NewListSIEMDestinationsPaginator(client ListSIEMDestinationsAPIClient, params *ListSIEMDestinationsInput) *ListSIEMDestinationsPaginator {
	in := ListSIEMDestinationsInput{}
	if params != nil {
		in = *params
	}
	return newPaginator(in.Cursor, func(ctx context.Context, cursor string) (*ListSIEMDestinationsOutput, error) {
		page := in
		page.Cursor = cursor
		return client.ListDestinations(ctx, &page)
	}, func(o *ListSIEMDestinationsOutput) ([]SIEMDestination, string) {
		return o.Destinations, o.NextCursor
	})
}

// ListClientKeysAPIClient is what NewListClientKeysPaginator needs; *EncryptionService is one.
type ListClientKeysAPIClient interface {
	ListClientKeys(context.Context, *ListClientKeysInput) (*ListClientKeysOutput, error)
}

// ListClientKeysPaginator walks the registered client keys.
type ListClientKeysPaginator = Paginator[*ListClientKeysOutput, RegisteredClientKey]

// NewListClientKeysPaginator walks every page of Encryption().ListClientKeys from params (nil: from the start).
func NewListClientKeysPaginator(client ListClientKeysAPIClient, params *ListClientKeysInput) *ListClientKeysPaginator {
	in := ListClientKeysInput{}
	if params != nil {
		in = *params
	}
	return newPaginator(in.Cursor, func(ctx context.Context, cursor string) (*ListClientKeysOutput, error) {
		page := in
		page.Cursor = cursor
		return client.ListClientKeys(ctx, &page)
	}, func(o *ListClientKeysOutput) ([]RegisteredClientKey, string) { return o.ClientKeys, o.NextCursor })
}

// ListAPIKeysAPIClient is what NewListAPIKeysPaginator needs; *APIKeysService is one.
type ListAPIKeysAPIClient interface {
	List(context.Context, *ListAPIKeysInput) (*ListAPIKeysOutput, error)
}

// ListAPIKeysPaginator walks the tenant's API keys.
type ListAPIKeysPaginator = Paginator[*ListAPIKeysOutput, APIKey]

// NewListAPIKeysPaginator walks every page of APIKeys().List from params (nil: from the start).
func NewListAPIKeysPaginator(client ListAPIKeysAPIClient, params *ListAPIKeysInput) *ListAPIKeysPaginator {
	in := ListAPIKeysInput{}
	if params != nil {
		in = *params
	}
	return newPaginator(in.Cursor, func(ctx context.Context, cursor string) (*ListAPIKeysOutput, error) {
		page := in
		page.Cursor = cursor
		return client.List(ctx, &page)
	}, func(o *ListAPIKeysOutput) ([]APIKey, string) { return o.APIKeys, o.NextCursor })
}
