module github.com/quantaseal/quantaseal-go

go 1.24.0

require (
	github.com/cloudflare/circl v1.6.4
	github.com/gowebpki/jcs v1.0.2
)

require golang.org/x/sys v0.38.0 // indirect
